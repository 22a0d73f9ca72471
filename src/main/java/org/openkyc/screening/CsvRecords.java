package org.openkyc.screening;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the OFAC CSV files: the raw download (CRLF, a 0x1A end-of-file byte) and plain LF files,
 * quoted fields with embedded commas, doubled quotes and line breaks. {@code -0-} (OFAC's null,
 * often with a trailing space) becomes {@code null}; unquoted fields are trimmed.
 */
final class CsvRecords {

    private static final char EOF_MARK = 0x1A;

    private CsvRecords() {
    }

    static List<String[]> read(InputStream in) throws IOException {
        return parse(decode(in.readAllBytes()));
    }

    /** UTF-8 when the bytes are valid UTF-8; else Windows-1252, which older OFAC files use. */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    static List<String[]> parse(String text) {
        List<String[]> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < n && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(value(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRecord(records, fields, field, wasQuoted);
                wasQuoted = false;
            } else if (c != EOF_MARK) {
                field.append(c);
            }
        }
        endRecord(records, fields, field, wasQuoted);
        return records;
    }

    private static void endRecord(List<String[]> records, List<String> fields, StringBuilder field, boolean wasQuoted) {
        if (!fields.isEmpty() || !field.toString().isBlank() || wasQuoted) {
            fields.add(value(field, wasQuoted));
            records.add(fields.toArray(String[]::new));
        }
        fields.clear();
        field.setLength(0);
    }

    private static String value(StringBuilder field, boolean wasQuoted) {
        String value = wasQuoted ? field.toString() : field.toString().trim();
        return value.isEmpty() || value.trim().equals("-0-") ? null : value;
    }
}
