package org.openkyc.verification;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a US or Canadian driver's licence or state id, parsed from the text of the PDF417
 * barcode on its back (AAMVA DL/ID Card Design Standard, versions 01 to 10). The text is a header,
 * {@code @ LF RS CR} then {@code ANSI } (or {@code AAMVA} in some early cards), the issuer's IIN (6
 * digits), the AAMVA version (2), from version 02 on the jurisdiction version (2), the number of
 * subfiles (2), then one designator per subfile: type (2), offset (4), length (4). A subfile starts
 * with its type ({@code DL}, {@code ID}) and holds elements: a three-letter id and a value, ended
 * by LF, the subfile by CR. Real cards get offsets wrong often enough that, where a designator
 * does not point at its subfile, the elements are read from wherever they stand.
 *
 * <p>Dates are MMDDCCYY on US cards and CCYYMMDD on Canadian ones and on version 01 cards.
 */
record AamvaLicence(int version, String iin, String documentType, String familyName, String givenName, String middleName,
                           LocalDate dob, LocalDate expires, LocalDate issued, String documentNumber, String street, String city,
                           String state, String zip, String country, String sex) {

    /** Never the document number or the person's data in a log line. */
    @Override
    public String toString() {
        return "AamvaLicence[v" + version + ", " + documentType + ", " + state + "]";
    }

    /** The licence in the barcode's text, or empty if the text is not an AAMVA DL/ID barcode. */
    static Optional<AamvaLicence> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int ansi = indexOfHeader(text);
        if (ansi < 0) {
            return Optional.empty();
        }
        String header = text.substring(ansi);
        int fileTypeLength = 5; // "ANSI " or "AAMVA"
        if (header.length() < fileTypeLength + 10 || !digits(header, fileTypeLength, 10)) {
            return Optional.empty();
        }
        String iin = header.substring(fileTypeLength, fileTypeLength + 6);
        int version = Integer.parseInt(header.substring(fileTypeLength + 6, fileTypeLength + 8));
        int designators = fileTypeLength + (version >= 2 ? 12 : 10);
        Map<String, String> elements = elements(text, ansi, header, designators);
        if (elements.isEmpty()) {
            return Optional.empty();
        }
        String country = first(elements, "DCG");
        boolean yearFirst = version <= 1 || "CAN".equals(country);
        String[] names = names(elements);
        return Optional.of(new AamvaLicence(version, iin, documentType(header, designators), names[0], names[1], names[2],
                date(first(elements, "DBB"), yearFirst), date(first(elements, "DBA"), yearFirst), date(first(elements, "DBD"), yearFirst),
                first(elements, "DAQ"), first(elements, "DAG"), first(elements, "DAI"), first(elements, "DAJ"), zip(first(elements, "DAK")),
                country, sex(first(elements, "DBC"))));
    }

    private static int indexOfHeader(String text) {
        int ansi = text.indexOf("ANSI ");
        int aamva = text.indexOf("AAMVA");
        if (ansi < 0) {
            return aamva;
        }
        return aamva < 0 ? ansi : Math.min(ansi, aamva);
    }

    /** Family, given and middle name: DCS/DAC/DAD from version 04 on; DCT (given names together) or DAA (all of it) before. */
    private static String[] names(Map<String, String> e) {
        String family = first(e, "DCS", "DAB");
        String given = first(e, "DAC");
        String middle = first(e, "DAD");
        if (given == null && first(e, "DCT") != null) {
            String[] parts = first(e, "DCT").split("[, ]+", 2);
            given = parts[0];
            middle = middle != null ? middle : parts.length > 1 ? parts[1] : null;
        }
        if ((family == null || given == null) && first(e, "DAA") != null) {
            String[] parts = first(e, "DAA").split("[,$]", 3);
            family = family != null ? family : parts[0].strip();
            given = given != null ? given : parts.length > 1 ? parts[1].strip() : null;
            middle = middle != null ? middle : parts.length > 2 ? parts[2].strip() : null;
        }
        return new String[] {clean(family), clean(given), clean(middle)};
    }

    /** The elements of the first DL or ID subfile: by its designator when it points right, else from the text after the header. */
    private static Map<String, String> elements(String text, int ansi, String header, int designators) {
        int entries = header.length() >= designators ? parseOr(header.substring(designators - 2, designators), 0) : 0;
        for (int i = 0; i < entries; i++) {
            int at = designators + i * 10;
            if (header.length() < at + 10 || !digits(header, at + 2, 8)) {
                break;
            }
            String type = header.substring(at, at + 2);
            int offset = Integer.parseInt(header.substring(at + 2, at + 6));
            int length = Integer.parseInt(header.substring(at + 6, at + 10));
            if ("DL".equals(type) || "ID".equals(type)) {
                // Offsets count from the start of the file (the "@"), which may not be where the scanner's text starts.
                int start = Math.max(0, ansi - 4) + offset;
                if (start + 2 <= text.length() && text.startsWith(type, start)) {
                    Map<String, String> found = readElements(text.substring(start + 2, Math.min(text.length(), start + Math.max(length, 2))));
                    if (!found.isEmpty()) {
                        return found;
                    }
                }
            }
        }
        int after = Math.min(text.length(), ansi + designators + entries * 10);
        String rest = text.substring(after);
        int subfile = firstSubfileStart(rest);
        return readElements(subfile < 0 ? rest : rest.substring(subfile + 2));
    }

    private static int firstSubfileStart(String rest) {
        int dl = rest.indexOf("DLD");
        int id = rest.indexOf("IDD");
        if (dl < 0) {
            return id;
        }
        return id < 0 ? dl : Math.min(dl, id);
    }

    private static String documentType(String header, int designators) {
        return header.length() >= designators + 2 && header.startsWith("ID", designators) ? "ID" : "DL";
    }

    private static Map<String, String> readElements(String subfile) {
        Map<String, String> elements = new LinkedHashMap<>();
        for (String line : subfile.split("[\\n\\r\\u001e]")) {
            if (line.length() > 3 && line.charAt(0) >= 'A' && line.charAt(0) <= 'Z' && Character.isUpperCase(line.charAt(1))
                    && Character.isUpperCase(line.charAt(2))) {
                elements.putIfAbsent(line.substring(0, 3), line.substring(3).strip());
            }
        }
        return elements;
    }

    private static String first(Map<String, String> elements, String... ids) {
        for (String id : ids) {
            String value = elements.get(id);
            if (value != null && !value.isBlank() && !"NONE".equalsIgnoreCase(value) && !"unavl".equalsIgnoreCase(value)) {
                return value;
            }
        }
        return null;
    }

    /** An eight-digit date in the card's order, or null; the other order is tried when the card's gives no date. */
    static LocalDate date(String value, boolean yearFirst) {
        if (value == null || value.length() < 8 || !digits(value, 0, 8)) {
            return null;
        }
        LocalDate preferred = yearFirst ? yearFirst(value) : monthFirst(value);
        return preferred != null ? preferred : yearFirst ? monthFirst(value) : yearFirst(value);
    }

    private static LocalDate monthFirst(String v) {
        return dateOf(v.substring(4, 8), v.substring(0, 2), v.substring(2, 4));
    }

    private static LocalDate yearFirst(String v) {
        return dateOf(v.substring(0, 4), v.substring(4, 6), v.substring(6, 8));
    }

    private static LocalDate dateOf(String year, String month, String day) {
        int y = Integer.parseInt(year);
        if (y < 1850 || y > 2200) {
            return null;
        }
        try {
            return LocalDate.of(y, Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The card carries ZIP+4 as nine digits padded with zeros or spaces: the five that matter. */
    private static String zip(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return v.length() >= 5 && digits(v, 0, 5) ? v.substring(0, 5) : v;
    }

    private static String sex(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip()) {
            case "1", "M" -> "M";
            case "2", "F" -> "F";
            case "9", "X" -> "X";
            default -> null;
        };
    }

    private static String clean(String name) {
        if (name == null) {
            return null;
        }
        String n = name.replace(',', ' ').strip().replaceAll("\\s+", " ");
        return n.isEmpty() ? null : n;
    }

    private static boolean digits(String s, int from, int count) {
        if (s.length() < from + count) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int parseOr(String s, int fallback) {
        return digits(s, 0, s.length()) && !s.isEmpty() ? Integer.parseInt(s) : fallback;
    }
}
