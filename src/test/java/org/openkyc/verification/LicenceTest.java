package org.openkyc.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openkyc.customer.KycSubject;

/** SPEC §8.3 without Spring: AAMVA parsing, the PDF417 barcode in photographed images, the comparison with the customer. */
class LicenceTest {

    private static final LocalDate SUBMITTED = LocalDate.of(2026, 12, 1);

    private static KycSubject customer(String first, String last, LocalDate dob, String state) {
        return new KycSubject(UUID.randomUUID(), UUID.randomUUID(), first, null, last, dob, "401234567", null, null, null, "unverified",
                null, 3, List.of(new KycSubject.PostalAddress("PHYSICAL", "100 Congress Ave", null, "Austin", state, "78701", "US", true)));
    }

    @Test
    void aVersion08CardIsReadByItsDesignator() {
        AamvaLicence licence = AamvaLicence.parse(AamvaSamples.jane()).orElseThrow();
        assertThat(licence.version()).isEqualTo(8);
        assertThat(licence.iin()).isEqualTo("636015");
        assertThat(licence.documentType()).isEqualTo("DL");
        assertThat(licence.familyName()).isEqualTo("DOE");
        assertThat(licence.givenName()).isEqualTo("JANE");
        assertThat(licence.middleName()).isEqualTo("QUINN");
        assertThat(licence.dob()).isEqualTo(LocalDate.of(1990, 4, 12));
        assertThat(licence.expires()).isEqualTo(LocalDate.of(2030, 4, 12));
        assertThat(licence.issued()).isEqualTo(LocalDate.of(2022, 4, 12));
        assertThat(licence.documentNumber()).isEqualTo("12345678");
        assertThat(licence.state()).isEqualTo("TX");
        assertThat(licence.zip()).isEqualTo("78701");
        assertThat(licence.sex()).isEqualTo("F");
        assertThat(licence.toString()).doesNotContain("DOE", "12345678", "1990");
    }

    @ParameterizedTest(name = "version {0}")
    @CsvSource({"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"})
    void everyVersionFromOneToTenIsRead(int version) {
        // Version 01 cards write dates year first; later US cards month first.
        List<String> elements = AamvaSamples.janeElements(version == 1 ? "19900412" : "04121990", version == 1 ? "20300412" : "04122030", "USA");
        AamvaLicence licence = AamvaLicence.parse(AamvaSamples.card(version, "636015", elements)).orElseThrow();
        assertThat(licence.version()).isEqualTo(version);
        assertThat(licence.dob()).isEqualTo(LocalDate.of(1990, 4, 12));
        assertThat(licence.expires()).isEqualTo(LocalDate.of(2030, 4, 12));
        assertThat(licence.familyName()).isEqualTo("DOE");
    }

    @Test
    void canadianCardsWriteDatesYearFirst() {
        AamvaLicence licence = AamvaLicence.parse(AamvaSamples.card(8, "636012", AamvaSamples.janeElements("19900412", "20300412", "CAN"))).orElseThrow();
        assertThat(licence.dob()).isEqualTo(LocalDate.of(1990, 4, 12));
        assertThat(licence.country()).isEqualTo("CAN");
    }

    @Test
    void oldCardsGiveNamesTogether() {
        AamvaLicence dct = AamvaLicence.parse(AamvaSamples.card(3, "636015", List.of("DAQ1", "DCSDOE", "DCTJANE,QUINN", "DBB04121990", "DBA04122030"))).orElseThrow();
        assertThat(dct.givenName()).isEqualTo("JANE");
        assertThat(dct.middleName()).isEqualTo("QUINN");
        AamvaLicence daa = AamvaLicence.parse(AamvaSamples.card(1, "636015", List.of("DAQ1", "DAADOE,JANE,QUINN", "DBB19900412", "DBA20300412"))).orElseThrow();
        assertThat(daa.familyName()).isEqualTo("DOE");
        assertThat(daa.givenName()).isEqualTo("JANE");
        assertThat(daa.middleName()).isEqualTo("QUINN");
    }

    @Test
    void aWrongOffsetStillFindsTheSubfile() {
        String card = AamvaSamples.jane();
        String broken = card.replaceFirst("DL\\d{4}(\\d{4})", "DL9999$1");
        assertThat(AamvaLicence.parse(broken).orElseThrow().familyName()).isEqualTo("DOE");
        assertThat(AamvaLicence.parse(card.substring(4)).orElseThrow().familyName()).as("scanner dropped the compliance indicator").isEqualTo("DOE");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not a licence at all
            ANSI 63601
            ANSI x36015080001DL00300010DL
            """)
    void textThatIsNotAnAamvaCardIsNotALicence(String text) {
        assertThat(AamvaLicence.parse(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            04121990 | false | 1990-04-12
            19900412 | true  | 1990-04-12
            19900412 | false | 1990-04-12
            13121990 | false | null
            04311990 | false | null
            0412199  | false | null
            """)
    void datesInEitherOrder(String value, boolean yearFirst, String expected) {
        LocalDate date = AamvaLicence.date(value, yearFirst);
        assertThat(date == null ? "null" : date.toString()).isEqualTo(expected);
    }

    @Test
    void aMatchingUnexpiredLicenceMatches() {
        AamvaLicence licence = AamvaLicence.parse(AamvaSamples.jane()).orElseThrow();
        LicenceComparison same = LicenceComparison.of(licence, customer("Jane", "Doe", LocalDate.of(1990, 4, 12), "TX"), SUBMITTED);
        assertThat(same.matches()).isTrue();
        assertThat(same.notes()).isEmpty();
        LicenceComparison moved = LicenceComparison.of(licence, customer("Jane", "Doe", LocalDate.of(1990, 4, 12), "CA"), SUBMITTED);
        assertThat(moved.matches()).as("another state is a note, not a mismatch").isTrue();
        assertThat(moved.notes()).containsExactly("licence_state_differs");
    }

    @Test
    void eachMismatchIsNamedAndTheEvidenceHoldsNoPersonalData() {
        AamvaLicence licence = AamvaLicence.parse(AamvaSamples.jane()).orElseThrow();
        LicenceComparison other = LicenceComparison.of(licence, customer("Joan", "Dough", LocalDate.of(1990, 4, 13), "TX"), SUBMITTED);
        assertThat(other.mismatches()).containsExactly("family_name", "given_name", "dob");
        assertThat(other.evidence().toString()).doesNotContain("DOE", "JANE", "12345678", "1990");
        LicenceComparison expired = LicenceComparison.of(licence, customer("Jane", "Doe", LocalDate.of(1990, 4, 12), "TX"), LocalDate.of(2030, 4, 13));
        assertThat(expired.mismatches()).containsExactly("expired");
        LicenceComparison lastDay = LicenceComparison.of(licence, customer("Jane", "Doe", LocalDate.of(1990, 4, 12), "TX"), LocalDate.of(2030, 4, 12));
        assertThat(lastDay.matches()).as("valid through its expiry date").isTrue();
        LicenceComparison accents = LicenceComparison.of(licence, customer("Jané", "Doe", LocalDate.of(1990, 4, 12), "TX"), SUBMITTED);
        assertThat(accents.matches()).isTrue();
    }

    @Test
    void theCheckOfAnUploadSealsTheDecodedFieldsAndDecidesByWhatTheDocumentsWereRequestedFor() {
        KycSubject jane = customer("Jane", "Doe", LocalDate.of(1990, 4, 12), "CA");
        byte[] back = png(barcode(AamvaSamples.jane()));
        List<Map<String, Object>> sealed = new java.util.ArrayList<>();
        Verdict verdict = new LicenceCheck().check(back, jane, SUBMITTED, List.of(Reason.of("phone_invalid")), decoded -> {
            sealed.add(decoded);
            return "sealed-" + sealed.size();
        });
        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.PASSED);
        assertThat(sealed).singleElement().satisfies(d -> assertThat(d).containsEntry("document_number", "12345678")
                .containsEntry("family_name", "DOE").containsEntry("dob", "1990-04-12").containsEntry("state", "TX"));
        CheckResult note = verdict.results().getFirst();
        assertThat(note.reason().code()).isEqualTo("licence_state_differs");
        assertThat(note.evidence()).containsEntry("decoded_fields_sealed", "sealed-1").containsEntry("licence_state", "TX");
        assertThat(note.evidence().toString()).doesNotContain("12345678", "DOE", "JANE", "1990");

        Verdict later = new LicenceCheck().check(back, jane, LocalDate.of(2031, 1, 1), List.of(Reason.of("phone_invalid")), d -> "x");
        assertThat(later.kind()).isEqualTo(Verdict.Kind.UNDER_REVIEW);
        assertThat(later.reasons()).extracting(Reason::code).containsExactly("licence_expired", "licence_state_differs", "phone_invalid");

        Verdict none = new LicenceCheck().check(null, jane, SUBMITTED, List.of(Reason.of("phone_invalid")), d -> "x");
        assertThat(none.reasons()).extracting(Reason::code).containsExactly("licence_unreadable", "phone_invalid");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({"drivers_license, US, true", "state_id, US, true", "state_id, , true", "drivers_license, CA, false", "passport, US, false",
            "passport_card, US, false"})
    void onlyUsLicencesAndStateIdsAreRead(String type, String country, boolean read) {
        assertThat(LicenceCheck.reads(type, country)).isEqualTo(read);
    }

    // ---- the barcode in pictures, as a phone would take them

    private static BufferedImage barcode(String text) {
        return AamvaSamples.barcode(text);
    }

    /** The barcode on a grey card, turned by {@code degrees} and scaled by {@code scale}. */
    private static BufferedImage photo(BufferedImage code, double degrees, double scale) {
        double radians = Math.toRadians(degrees);
        int w = (int) Math.ceil((Math.abs(Math.cos(radians)) * code.getWidth() + Math.abs(Math.sin(radians)) * code.getHeight()) * scale) + 40;
        int h = (int) Math.ceil((Math.abs(Math.sin(radians)) * code.getWidth() + Math.abs(Math.cos(radians)) * code.getHeight()) * scale) + 40;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(new java.awt.Color(235, 235, 230));
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        AffineTransform t = new AffineTransform();
        t.translate(w / 2.0, h / 2.0);
        t.rotate(radians);
        t.scale(scale, scale);
        t.translate(-code.getWidth() / 2.0, -code.getHeight() / 2.0);
        g.drawImage(code, t, null);
        g.dispose();
        return out;
    }

    private static BufferedImage noisy(BufferedImage image, long seed) {
        Random random = new Random(seed);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int delta = (int) (random.nextGaussian() * 12);
                int r = clamp(((rgb >> 16) & 0xff) + delta);
                int gr = clamp(((rgb >> 8) & 0xff) + delta);
                int b = clamp((rgb & 0xff) + delta);
                image.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return image;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        }
        writer.dispose();
        return bytes.toByteArray();
    }

    private static byte[] png(BufferedImage image) {
        return AamvaSamples.png(image);
    }

    @ParameterizedTest(name = "turned {0} degrees, scaled {1}, JPEG {2}")
    @CsvSource({
            "0, 1.0, false", "90, 1.0, false", "180, 1.0, false", "270, 1.0, false",
            "0, 0.6, false", "0, 1.0, true", "90, 0.7, true", "180, 0.8, true", "3, 1.0, true"})
    void theBarcodeIsReadFromAPhotographedCard(int degrees, double scale, boolean asNoisyJpeg) throws Exception {
        String text = AamvaSamples.jane();
        BufferedImage picture = photo(barcode(text), degrees, scale);
        byte[] upload = asNoisyJpeg ? jpeg(noisy(picture, degrees * 31L + 7), 0.8f) : png(picture);
        assertThat(LicenceBarcode.read(upload)).contains(text);
        assertThat(AamvaLicence.parse(LicenceBarcode.read(upload).orElseThrow()).orElseThrow().familyName()).isEqualTo("DOE");
    }

    @Test
    void anImageWithoutABarcodeOrNotAnImageGivesNothing() throws Exception {
        BufferedImage blank = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        assertThat(LicenceBarcode.read(png(blank))).isEmpty();
        assertThat(LicenceBarcode.read("%PDF-1.7 not an image".getBytes())).isEmpty();
        assertThat(LicenceBarcode.read(new byte[0])).isEmpty();
    }
}
