package org.openkyc.verification;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.openkyc.customer.KycSubject;

/**
 * SPEC §8.3 for an uploaded US driver's licence or state id: the PDF417 barcode on the back image
 * decoded, parsed as AAMVA and compared with the customer, then decided against the reasons the
 * documents were requested for ({@link Decision#afterDocuments}). CPU-heavy (the barcode search):
 * run it in the background, never on a request thread.
 */
public final class LicenceCheck {

    /** Government id types whose back carries an AAMVA PDF417 barcode (US cards only). */
    private static final Set<String> BARCODED = Set.of("drivers_license", "state_id");

    public String name() {
        return "document";
    }

    /** Whether an uploaded government id is one this check can read (else a reviewer looks at it, as before). */
    public static boolean reads(String type, String country) {
        return BARCODED.contains(type) && (country == null || "US".equals(country));
    }

    /**
     * The verdict on an attempt whose documents are in: passed when the licence is readable,
     * matches and has not expired, and every reason the documents were requested for is one a
     * government id clears; else under review. The decoded fields are personal data (the document
     * number among them): they reach the evidence only through {@code seal}, which encrypts them.
     *
     * @param backImage    the back image as uploaded (JPEG or PNG; anything else is unreadable)
     * @param submittedOn  the day the documents were submitted: the licence must be valid then
     * @param requestedFor the attempt's reasons when it asked for documents
     * @param seal         encrypts the decoded fields for the reviewer (the evidence is stored in clear)
     */
    public Verdict check(byte[] backImage, KycSubject person, LocalDate submittedOn, List<Reason> requestedFor,
                         Function<Map<String, Object>, String> seal) {
        Optional<AamvaLicence> licence = Optional.ofNullable(backImage).flatMap(LicenceBarcode::read).flatMap(AamvaLicence::parse);
        return Decision.afterDocuments(licence.map(l -> compared(l, person, submittedOn, seal)).orElseGet(this::unreadable), requestedFor);
    }

    private List<CheckResult> unreadable() {
        return List.of(CheckResult.hit(name(), "licence_unreadable", "No AAMVA PDF417 barcode could be read on the back image.",
                Map.of("barcode", "not_read")));
    }

    private List<CheckResult> compared(AamvaLicence licence, KycSubject person, LocalDate submittedOn, Function<Map<String, Object>, String> seal) {
        LicenceComparison comparison = LicenceComparison.of(licence, person, submittedOn);
        Map<String, Object> evidence = new LinkedHashMap<>(comparison.evidence());
        evidence.put("decoded_fields_sealed", seal.apply(decoded(licence)));
        Map<String, Object> shown = java.util.Collections.unmodifiableMap(evidence);
        List<CheckResult> results = new ArrayList<>();
        if (comparison.mismatches().stream().anyMatch(m -> !m.equals("expired"))) {
            results.add(CheckResult.hit(name(), "licence_mismatch", "The licence's name or date of birth differs.", shown));
        }
        if (comparison.mismatches().contains("expired")) {
            results.add(CheckResult.hit(name(), "licence_expired", "The licence had expired.", shown));
        }
        if (comparison.notes().contains("licence_state_differs")) {
            results.add(CheckResult.hit(name(), "licence_state_differs", "The licence is from another state.", shown));
        }
        return results.isEmpty() ? List.of(new CheckResult(name(), CheckResult.Outcome.CLEAR, null, shown)) : results;
    }

    /** Everything the barcode said, for the reviewer's side-by-side view; sealed before it is stored. */
    private static Map<String, Object> decoded(AamvaLicence l) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("family_name", l.familyName());
        d.put("given_name", l.givenName());
        d.put("middle_name", l.middleName());
        d.put("dob", l.dob() == null ? null : l.dob().toString());
        d.put("expires", l.expires() == null ? null : l.expires().toString());
        d.put("issued", l.issued() == null ? null : l.issued().toString());
        d.put("document_number", l.documentNumber());
        d.put("street", l.street());
        d.put("city", l.city());
        d.put("state", l.state());
        d.put("zip", l.zip());
        d.put("country", l.country());
        d.put("sex", l.sex());
        d.put("iin", l.iin());
        return d;
    }
}
