package org.openkyc.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that fails as soon as it is not UTF-8 as RFC 3629 defines it. Jackson's own
 * decoder is lenient: it read the overlong {@code C0 A2} as {@code "} and stored it. Refused here,
 * as the JDK's strict decoder refuses them: overlong forms, lone or missing continuation bytes,
 * UTF-16 surrogates encoded as UTF-8 ({@code ED A0 80}), code points above U+10FFFF, and the bytes
 * F5..FF. A NUL byte is refused too: a JSON text never holds one raw (control characters in
 * strings are escaped), and NULs are what makes Jackson guess UTF-16 or UTF-32 for the body.
 *
 * <p>Checked while Jackson reads, so the body is not copied; the controller runs only after the
 * whole body was read and parsed, so a refused body has changed nothing.
 */
final class StrictUtf8InputStream extends InputStream {

    /** The body is not UTF-8 JSON; an IOException so that it travels through Jackson and Spring as the cause. */
    static final class MalformedBodyException extends IOException {
        MalformedBodyException(String message) {
            super(message, null);
        }
    }

    private final InputStream in;
    /** Continuation bytes still expected, and the range the next one must be in (it is narrower after E0, ED, F0, F4). */
    private int pending;
    private int low = 0x80;
    private int high = 0xBF;
    private long offset;

    StrictUtf8InputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            end();
        } else {
            check(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        int n = in.read(buffer, off, len);
        if (n < 0) {
            end();
        }
        for (int i = 0; i < n; i++) {
            check(buffer[off + i] & 0xFF);
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void end() throws MalformedBodyException {
        if (pending > 0) {
            throw new MalformedBodyException("truncated UTF-8 sequence at the end of the body");
        }
    }

    private void check(int b) throws MalformedBodyException {
        if (!accept(b)) {
            throw new MalformedBodyException((b == 0 ? "NUL byte" : "malformed UTF-8") + " at byte " + offset);
        }
        offset++;
    }

    /** One step of the UTF-8 automaton (RFC 3629 §4); false when {@code b} cannot come next. */
    private boolean accept(int b) {
        if (pending > 0) {
            if (b < low || b > high) {
                return false;
            }
            low = 0x80;
            high = 0xBF;
            pending--;
            return true;
        }
        if (b < 0x80) {
            return b != 0;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            pending = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            pending = 2;
            low = b == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
            high = b == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
        } else if (b >= 0xF0 && b <= 0xF4) {
            pending = 3;
            low = b == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be overlong
            high = b == 0xF4 ? 0x8F : 0xBF; // F4 90.. would be above U+10FFFF
        } else {
            return false; // a continuation byte without a lead, C0/C1 (always overlong), F5..FF
        }
        return true;
    }
}
