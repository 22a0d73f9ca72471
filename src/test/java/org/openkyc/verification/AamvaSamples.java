package org.openkyc.verification;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.pdf417.PDF417Writer;

/** Synthetic AAMVA DL/ID barcode texts, built the way the standard lays them out: no real card's data. */
public final class AamvaSamples {

    private AamvaSamples() {
    }

    /** A card of the given version with these elements in one DL subfile, offsets and lengths right. */
    public static String card(int version, String iin, List<String> elements) {
        String subfile = "DL" + String.join("\n", elements) + "\r";
        String fileType = "ANSI ";
        String headerStart = "@\n\u001e\r" + fileType + iin + "%02d".formatted(version) + (version >= 2 ? "00" : "") + "01";
        int offset = headerStart.length() + 10;
        return headerStart + "DL" + "%04d".formatted(offset) + "%04d".formatted(subfile.length()) + subfile;
    }

    /** A version 08 (2013+) Texas-style licence for Jane Q Doe, born 12 April 1990, expiring 12 April 2030. */
    public static String jane() {
        return card(8, "636015", janeElements("04121990", "04122030", "USA"));
    }

    public static List<String> janeElements(String dob, String expires, String country) {
        List<String> e = new ArrayList<>();
        e.add("DAQ12345678");
        e.add("DCSDOE");
        e.add("DACJANE");
        e.add("DADQUINN");
        e.add("DBD04122022");
        e.add("DBB" + dob);
        e.add("DBA" + expires);
        e.add("DBC2");
        e.add("DAG100 CONGRESS AVE");
        e.add("DAIAUSTIN");
        e.add("DAJTX");
        e.add("DAK787010000  ");
        e.add("DCG" + country);
        return e;
    }

    /** The text as a PDF417 barcode, black on white with a quiet zone (ZXing's writer). */
    public static BufferedImage barcode(String text) {
        try {
            BitMatrix matrix = new PDF417Writer().encode(text, BarcodeFormat.PDF_417, 900, 300, Map.of(EncodeHintType.MARGIN, 30));
            return MatrixToImageWriter.toBufferedImage(matrix);
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
