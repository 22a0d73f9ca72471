package org.openkyc.kyc;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Tells a file's type by its first bytes, never by its name (SPEC §5.4). */
final class FileSniffer {

    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1");

    private FileSniffer() {
    }

    /** {@code image/jpeg}, {@code image/png}, {@code image/heic}, {@code application/pdf}, or null. */
    static String contentType(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return "image/jpeg";
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D && b[5] == 0x0A
                && b[6] == 0x1A && b[7] == 0x0A) {
            return "image/png";
        }
        if (b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') {
            return "application/pdf";
        }
        if (b.length >= 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p'
                && HEIF_BRANDS.contains(new String(b, 8, 4, StandardCharsets.US_ASCII))) {
            return "image/heic";
        }
        return null;
    }
}
