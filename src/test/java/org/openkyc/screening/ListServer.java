package org.openkyc.screening;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local http server of list files, for the http(s) sources: serves what {@link #put} gave it, or
 * answers every request with a status, or sends the first bytes of a file and then stalls.
 */
final class ListServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private volatile int failWith;
    private volatile boolean stall;

    ListServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void put(String path, byte[] content) {
        files.put(path, content);
    }

    /** Every request answers {@code status} (0: serve normally). */
    void failWith(int status) {
        failWith = status;
    }

    /** Files are sent in part, then nothing more while the connection lasts. */
    void stall(boolean on) {
        stall = on;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] content = files.get(exchange.getRequestURI().getPath());
            if (failWith != 0 || content == null) {
                exchange.sendResponseHeaders(failWith != 0 ? failWith : 404, -1);
                return;
            }
            exchange.sendResponseHeaders(200, content.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (stall) {
                    out.write(content, 0, Math.min(100, content.length));
                    out.flush();
                    Thread.sleep(60_000);
                }
                out.write(content);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } catch (IOException clientGone) {
            // the fetcher gave up (its deadline, or the size limit): nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
