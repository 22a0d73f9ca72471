import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * Benchmark webhook receivers (run as a single-file program: java bench/Receiver.java PORT HOLE_PORT).
 * PORT answers 200 to every POST and prints "deliveries first_ms last_ms" on GET /stats;
 * HOLE_PORT accepts connections and never answers (a dead receiver).
 */
public class Receiver {
    public static void main(String[] args) throws IOException {
        AtomicLong count = new AtomicLong();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            if (exchange.getRequestURI().getPath().equals("/reset")) {
                count.set(0);
                first.set(0);
                last.set(0);
            }
            if (exchange.getRequestMethod().equals("POST") && exchange.getRequestHeaders().containsKey("webhook-id")) {
                long now = System.currentTimeMillis();
                first.compareAndSet(0, now);
                last.set(now);
                count.incrementAndGet();
            }
            byte[] reply = exchange.getRequestURI().getPath().equals("/stats")
                    ? (count.get() + " " + first.get() + " " + last.get() + "\n").getBytes() : "{}".getBytes();
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
        List<Socket> held = new ArrayList<>();
        ServerSocket hole = new ServerSocket(Integer.parseInt(args[1]), 1024, java.net.InetAddress.getByName("127.0.0.1"));
        Thread.ofVirtual().start(() -> {
            while (true) {
                try {
                    synchronized (held) {
                        held.add(hole.accept());
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
    }
}
