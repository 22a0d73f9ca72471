package org.openkyc.idempotency;

/** SPEC §6 key syntax: 1–255 printable ASCII characters, bare or as a quoted structured-header string. */
final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /** The key, or null when the header value is not a valid key. */
    static String parse(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        // A value that opens a quote must be a well-formed quoted string.
        String key = value.startsWith("\"") ? (value.length() >= 2 && value.endsWith("\"") ? unquote(value) : null) : value;
        if (key == null || key.isEmpty() || key.length() > 255) {
            return null;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return null;
            }
        }
        return key;
    }

    /** RFC 8941 sf-string: only \" and \\ are escapes; a lone quote inside is invalid. */
    private static String unquote(String quoted) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\') {
                if (i + 1 >= quoted.length() - 1) {
                    return null;
                }
                char next = quoted.charAt(++i);
                if (next != '"' && next != '\\') {
                    return null;
                }
                out.append(next);
            } else if (c == '"') {
                return null;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
