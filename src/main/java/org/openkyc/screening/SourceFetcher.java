package org.openkyc.screening;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads one list file whole: a classpath resource (the shipped lists), a file, or an http(s) URL
 * (JDK client: a connect timeout, a deadline for the whole download, a size limit). Failures are
 * IOExceptions whose message says what went wrong in words fit for a log line.
 */
final class SourceFetcher {

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final long maxBytes;
    private volatile HttpClient http;

    SourceFetcher(Duration connectTimeout, Duration readTimeout, long maxBytes) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxBytes = maxBytes;
    }

    /**
     * The client, made on the first download: making it reads the JVM's CA certificates and starts
     * a selector thread, work a server that reads only the shipped lists never needs (docs/DECISIONS.md, start-up).
     */
    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
                    http = client;
                }
            }
        }
        return client;
    }

    byte[] fetch(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            return resource(location.substring("classpath:".length()));
        }
        if (location.regionMatches(true, 0, "http:", 0, 5) || location.regionMatches(true, 0, "https:", 0, 6)) {
            return download(URI.create(location));
        }
        return file(location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location));
    }

    private byte[] resource(String name) throws IOException {
        try (InputStream in = SourceFetcher.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no resource " + name);
            }
            return limited(in);
        }
    }

    private byte[] file(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("no file " + path);
        }
        try (InputStream in = Files.newInputStream(path)) {
            return limited(in);
        }
    }

    private byte[] limited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw tooLarge();
        }
        return bytes;
    }

    /**
     * The request's timeout bounds the wait for the headers; a watchdog closes the body at the same
     * deadline, so a server that sends slowly cannot hold the load either.
     */
    private byte[] download(URI uri) throws IOException {
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(readTimeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (IOException e) {
            throw new IOException(e.getClass().getSimpleName() + " from " + shown(uri.toString()));
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + shown(uri.toString()));
            }
            long left = readTimeout.toNanos() - (System.nanoTime() - started);
            AtomicBoolean late = new AtomicBoolean();
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
                late.set(true);
                closeQuietly(body);
            }, CompletableFuture.delayedExecutor(Math.max(left, 0), TimeUnit.NANOSECONDS));
            try {
                return limited(body);
            } catch (IOException e) {
                if (late.get()) {
                    throw new IOException("no complete answer within " + shown(readTimeout) + " from " + shown(uri.toString()));
                }
                throw e.getMessage() != null && e.getMessage().startsWith("larger than") ? e
                        : new IOException(e.getClass().getSimpleName() + " from " + shown(uri.toString()));
            } finally {
                watchdog.cancel(false);
            }
        }
    }

    private static String shown(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is all the watchdog does
        }
    }

    /**
     * A location as logs and the API show it: a URL without its user information and query, which
     * may hold credentials.
     */
    static String shown(String location) {
        if (!location.regionMatches(true, 0, "http", 0, 4)) {
            return location;
        }
        try {
            URI uri = URI.create(location);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return "(a URL)";
        }
    }

    private IOException tooLarge() {
        return new IOException("larger than the limit of " + maxBytes + " bytes");
    }
}
