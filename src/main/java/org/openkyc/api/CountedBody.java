package org.openkyc.api;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/** A request whose body is counted as it is read: after each read the total so far goes to a check that may refuse it. */
final class CountedBody extends HttpServletRequestWrapper {

    /** Refuses a body that has grown too much by throwing. */
    @FunctionalInterface
    interface Check {
        void total(long bytes) throws IOException;
    }

    private final Check check;
    private ServletInputStream stream;

    CountedBody(HttpServletRequest request, Check check) {
        super(request);
        this.check = check;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new CountingStream(super.getInputStream(), check);
        }
        return stream;
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final Check check;
        private long count;

        CountingStream(ServletInputStream in, Check check) {
            this.in = in;
            this.check = check;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            count += n;
            check.total(count);
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
