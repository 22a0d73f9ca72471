package org.openkyc.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLSocket;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.ssl.SSLContextBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The webhook requests' HTTP client. Its connections are opened only to addresses the
 * {@link AddressGuard} has just passed (the guard is the client's name resolution), so the SSRF
 * check holds for https as for http, while TLS still verifies the receiver's name. Connections are
 * kept alive and reused per receiver; no redirects, retries, cookies or decompression; one
 * deadline covers connecting, sending, the answer's head and the part of its body that is read.
 */
final class GuardedHttpClient implements AutoCloseable {

    /** What a receiver answered: status, Retry-After, and the first bytes of the body (null when they could not be read in time). */
    record Answer(int status, String retryAfter, String body) {
    }

    /** The attempt's deadline passed. */
    static final class TimedOut extends IOException {
        TimedOut() {
            super("timed out");
        }
    }

    static final int BODY_BYTES = 1000;
    /** An idle kept-alive connection is checked before reuse after this, so a receiver that closed it costs no failed attempt. */
    private static final TimeValue VALIDATE_AFTER = TimeValue.ofSeconds(1);
    private static final TimeValue IDLE = TimeValue.ofSeconds(30);

    private final AddressGuard guard;
    private final CloseableHttpClient client;
    private final Duration timeout;
    private final ScheduledThreadPoolExecutor deadlines;

    GuardedHttpClient(AddressGuard guard, WebhookProperties properties, int maxConnections) {
        this(guard, guard, properties, maxConnections);
    }

    /** With {@code resolver} resolving names where the client connects: the guard, except in the test that shows the start-up check. */
    GuardedHttpClient(AddressGuard guard, DnsResolver resolver, WebhookProperties properties, int maxConnections) {
        this.guard = guard;
        this.timeout = properties.timeout();
        Timeout limit = Timeout.of(timeout);
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setTlsSocketStrategy(tls(properties))
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX) // per-receiver pools, no lock shared by all
                .setMaxConnPerRoute(properties.perReceiverMax())
                .setMaxConnTotal(maxConnections)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit)
                        .setValidateAfterInactivity(VALIDATE_AFTER).build())
                .build();
        // No proxy is configured (nor taken from system properties): a proxy would resolve the receiver's name itself.
        this.client = HttpClients.custom().setConnectionManager(connections)
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement().disableAuthCaching()
                .disableContentCompression()
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(limit).setResponseTimeout(limit)
                        .setRedirectsEnabled(false).build())
                .evictIdleConnections(IDLE)
                .build();
        this.deadlines = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("webhook-deadlines").factory());
        this.deadlines.setRemoveOnCancelPolicy(true);
    }

    private static TlsSocketStrategy tls(WebhookProperties properties) {
        if (properties.trustStore() == null) {
            return new DefaultTlsOnFirstUse();
        }
        try {
            char[] password = properties.trustStorePassword() == null ? null : properties.trustStorePassword().toCharArray();
            return new DefaultClientTlsStrategy(SSLContextBuilder.create().loadTrustMaterial(properties.trustStore().toFile(), password).build());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("openkyc.webhooks.trust-store " + properties.trustStore() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The JVM's default TLS context, made on the first https connection: making it reads the JVM's
     * CA certificates, a cost the start would otherwise pay for receivers that may never be https
     * (docs/DECISIONS.md, start-up). A configured trust store is still read at start, so that an
     * unreadable one stops the start.
     */
    private static final class DefaultTlsOnFirstUse implements TlsSocketStrategy {

        private volatile TlsSocketStrategy tls;

        @Override
        public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context) throws IOException {
            TlsSocketStrategy made = tls;
            if (made == null) {
                synchronized (this) {
                    made = tls;
                    if (made == null) {
                        made = DefaultClientTlsStrategy.createDefault();
                        tls = made;
                    }
                }
            }
            return made.upgrade(socket, target, port, attachment, context);
        }
    }

    /**
     * Posts {@code body} to {@code url}.
     *
     * @throws AddressGuard.Refused when the receiver's address may not be called (nothing was sent)
     * @throws TimedOut when the deadline passed before an answer
     * @throws IOException when the connection failed
     */
    Answer post(URI url, Map<String, String> headers, byte[] body) throws IOException {
        HttpPost request = new HttpPost(url);
        headers.forEach(request::setHeader);
        request.setEntity(new ByteArrayEntity(body, null)); // its Content-Type is the one in the headers
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            late.set(true);
            request.cancel(); // aborts the connection wherever the exchange is
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try (CloseableHttpResponse response = CloseableHttpResponse.adapt(client.executeOpen(null, request, null))) {
            Header retryAfter = response.getFirstHeader("Retry-After");
            return new Answer(response.getCode(), retryAfter == null ? null : retryAfter.getValue(), head(response));
        } catch (SocketTimeoutException e) {
            throw new TimedOut();
        } catch (IOException e) {
            if (late.get()) {
                throw new TimedOut();
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * The first {@link #BODY_BYTES} of the body, null when they cannot be read in time. A body read
     * to its end leaves the connection for reuse; a longer one is dropped with its connection rather
     * than drained.
     */
    private static String head(CloseableHttpResponse response) {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return "";
        }
        try {
            InputStream in = entity.getContent();
            byte[] bytes = in.readNBytes(BODY_BYTES);
            if (in.read() != -1) {
                response.close(CloseMode.IMMEDIATE);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            response.close(CloseMode.IMMEDIATE);
            return null;
        }
    }

    /**
     * Start-up proof that addresses are checked where connections are made: a request to
     * {@code 0.0.0.0} (this host) must be refused by the guard, not attempted. A client that would
     * attempt it is not allowed to deliver at all.
     */
    void requireEnforced() {
        InetAddress probe;
        try {
            probe = InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        if (guard.refusal(probe) == null) {
            return; // the operator allows this network: nothing to prove with it
        }
        try {
            post(URI.create("http://0.0.0.0:9/openkyc-ssrf-probe"), Map.of(), new byte[0]);
        } catch (AddressGuard.Refused expected) {
            return;
        } catch (IOException e) {
            throw new IllegalStateException("Webhook delivery does not check addresses where it connects (a request to 0.0.0.0 was attempted: "
                    + e.getClass().getSimpleName() + "); refusing to start");
        }
        throw new IllegalStateException("Webhook delivery does not check addresses where it connects (a request to 0.0.0.0 was answered); refusing to start");
    }

    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
        deadlines.shutdownNow();
    }
}
