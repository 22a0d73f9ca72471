package org.openkyc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/** A real HTTP (or HTTPS) server on loopback that records what webhooks deliver and answers as told. */
public final class LocalReceiver implements AutoCloseable {

    public record Received(Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null ? null : values.getFirst();
        }
    }

    private final HttpServer server;
    private final String scheme;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** The client ends (address and port) requests came from: one per connection, so reuse shows as fewer. */
    private final java.util.Set<InetSocketAddress> connections = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile IntUnaryOperator status = n -> 200;
    private volatile long delayMillis;
    private final Map<String, String> replyHeaders = new java.util.concurrent.ConcurrentHashMap<>();

    public LocalReceiver() throws IOException {
        this(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), "http");
    }

    /** An HTTPS receiver on {@code address} (a loopback one) presenting {@link TestTls}'s self-signed certificate. */
    public static LocalReceiver https(String address) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(address, 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestTls.serverContext()));
        return new LocalReceiver(server, "https");
    }

    private LocalReceiver(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(java.util.Locale.ROOT), Map.Entry::getValue, (a, b) -> a));
            connections.add(exchange.getRemoteAddress());
            int n = received.size();
            received.add(new Received(headers, new String(body, StandardCharsets.UTF_8)));
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int code = status.applyAsInt(n);
            byte[] reply = ("{\"received\": " + n + "}").getBytes(StandardCharsets.UTF_8);
            replyHeaders.forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(code, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    public String url(String path) {
        return url(server.getAddress().getAddress().getHostAddress(), path);
    }

    /** The URL of {@code path} with {@code host} (e.g. {@code localhost}) naming this receiver. */
    public String url(String host, String path) {
        return scheme + "://" + host + ":" + server.getAddress().getPort() + path;
    }

    /** How many connections requests came on. */
    public int connections() {
        return connections.size();
    }

    /** Status for the n-th request (0-based) this receiver gets. */
    public void answer(IntUnaryOperator status) {
        this.status = status;
    }

    /** A header every answer carries from now on (e.g. Retry-After). */
    public void replyHeader(String name, String value) {
        replyHeaders.put(name, value);
    }

    public void delay(long millis) {
        this.delayMillis = millis;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
