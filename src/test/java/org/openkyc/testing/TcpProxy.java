package org.openkyc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between a server under test and its database, to fail the database the ways a real
 * one fails without touching the shared one: {@link #stop()} is a database that went down (open
 * connections are cut, new ones refused), {@link #freeze()} one that stopped answering (as after a
 * SIGSTOP: connections stay open, new ones are accepted, nothing goes through).
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress upstream;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile ServerSocket listener;
    private volatile boolean frozen;

    public TcpProxy(String upstreamHost, int upstreamPort) throws IOException {
        this.upstream = new InetSocketAddress(upstreamHost, upstreamPort);
        ServerSocket first = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = first.getLocalPort();
        listen(first);
    }

    public int port() {
        return port;
    }

    /** The database went down: every connection is cut and new ones are refused (the port is closed). */
    public void stop() throws IOException {
        ServerSocket current = listener;
        listener = null;
        if (current != null) {
            current.close();
        }
        sockets.forEach(TcpProxy::closeQuietly);
    }

    /** The database stopped answering: connections stay open and new ones are accepted, but no byte goes through. */
    public void freeze() {
        frozen = true;
    }

    /** Back to forwarding: after {@link #freeze()} the held bytes go on; after {@link #stop()} the port is open again. */
    public void resume() throws IOException {
        if (listener == null) {
            ServerSocket reopened = new ServerSocket();
            reopened.setReuseAddress(true);
            reopened.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            listen(reopened);
        }
        synchronized (gate) {
            frozen = false;
            gate.notifyAll();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void listen(ServerSocket server) {
        listener = server;
        Thread.ofVirtual().name("tcp-proxy-accept").start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Thread.ofVirtual().start(() -> connect(client));
                } catch (IOException e) {
                    return; // closed by stop()
                }
            }
        });
    }

    private void connect(Socket client) {
        sockets.add(client);
        awaitThaw(); // frozen: the client's connection is accepted but its startup gets no answer
        Socket server = new Socket();
        sockets.add(server);
        try {
            server.connect(upstream, 5_000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        Thread.ofVirtual().start(() -> pump(client, server));
        pump(server, client);
    }

    /** Copies bytes one way until either side closes; holds each chunk while the proxy is frozen. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                awaitThaw();
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // a side closed or was cut: close the other
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void awaitThaw() {
        synchronized (gate) {
            while (frozen) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
