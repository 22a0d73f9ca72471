package org.openkyc.api;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body has been read into memory: it can be read any number of times, and reading
 * it no longer waits for the client. Bodies are JSON of at most 1 MiB (20 MiB for documents),
 * limited by {@link BodySizeLimitFilter} while they are read.
 */
public final class BufferedBody extends HttpServletRequestWrapper {

    private final byte[] body;

    private BufferedBody(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    /** The request with its whole body in memory: as it is if that was done before (along its chain of wrappers), else read now. */
    public static HttpServletRequest of(HttpServletRequest request) throws IOException {
        return find(request).isPresent() ? request : new BufferedBody(request, request.getInputStream().readAllBytes());
    }

    /** Whether the request comes with a body (declared, or chunked). */
    public static boolean expected(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** The body of a request that went through {@link #of}. */
    public static byte[] bytes(HttpServletRequest request) {
        return find(request).orElseThrow(() -> new IllegalStateException("the body was not buffered")).body;
    }

    private static Optional<BufferedBody> find(ServletRequest request) {
        for (ServletRequest r = request; r != null; r = r instanceof ServletRequestWrapper w ? w.getRequest() : null) {
            if (r instanceof BufferedBody buffered) {
                return Optional.of(buffered);
            }
        }
        return Optional.empty();
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the body is already in memory");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding, StandardCharsets.UTF_8);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
}
