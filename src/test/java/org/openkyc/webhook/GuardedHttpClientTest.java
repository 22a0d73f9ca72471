package org.openkyc.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openkyc.net.IpRanges;
import org.openkyc.testing.LocalReceiver;
import org.openkyc.testing.TestTls;

/**
 * The delivery client against real local receivers, over https (a self-signed certificate the
 * client is configured to trust) and http: refused addresses are never connected to, allowed ones
 * get the request, TLS still checks the name, connections are reused.
 */
class GuardedHttpClientTest {

    private static LocalReceiver https;

    @BeforeAll
    static void receiver() throws Exception {
        https = LocalReceiver.https("127.0.0.1");
    }

    @AfterAll
    static void close() {
        https.close();
    }

    static WebhookProperties properties(Duration timeout, Path trustStore) {
        return new WebhookProperties(List.of(), 1.0, 32, 256, 64, timeout, Duration.ofMillis(200), Duration.ofDays(5), true, Duration.ofMillis(10),
                trustStore, TestTls.PASSWORD);
    }

    private static GuardedHttpClient client(AddressGuard guard) {
        return new GuardedHttpClient(guard, properties(Duration.ofSeconds(15), TestTls.trustStore()), 64);
    }

    private static GuardedHttpClient.Answer post(GuardedHttpClient client, String url) throws Exception {
        return client.post(URI.create(url), Map.of("Content-Type", "application/json"), "{\"a\": 1}".getBytes(StandardCharsets.UTF_8));
    }

    /** Live mode: an https receiver on loopback, by name or by any spelling of its address, is refused before any connection. */
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1", "[::ffff:127.0.0.1]", "0.0.0.0", "LOCALHOST"})
    void anHttpsReceiverOnLoopbackIsRefusedInLiveMode(String host) {
        int received = https.received().size();
        int connections = https.connections();
        try (GuardedHttpClient client = client(new AddressGuard(List.of(), false))) {
            assertThatThrownBy(() -> post(client, https.url(host, "/hook"))).isInstanceOf(AddressGuard.Refused.class)
                    .hasMessageContaining("is private or reserved");
        }
        assertThat(https.received()).hasSize(received);
        assertThat(https.connections()).as("no connection was made").isEqualTo(connections);
    }

    @Test
    void anAllowedHttpsReceiverGetsTheRequestOnOneKeptAliveConnection() throws Exception {
        try (LocalReceiver receiver = LocalReceiver.https("127.0.0.1");
             GuardedHttpClient client = client(new AddressGuard(List.of(IpRanges.network("127.0.0.0/8")), false))) {
            for (int i = 0; i < 5; i++) {
                GuardedHttpClient.Answer answer = post(client, receiver.url("localhost", "/hook"));
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo("{\"received\": " + i + "}");
            }
            assertThat(receiver.received()).hasSize(5).allSatisfy(r -> assertThat(r.body()).isEqualTo("{\"a\": 1}"));
            assertThat(receiver.received().getFirst().header("Host")).isEqualTo("localhost:" + URI.create(receiver.url("/")).getPort());
            assertThat(receiver.connections()).as("kept alive and reused").isEqualTo(1);
        }
    }

    /**
     * Without a configured trust store the JVM's default TLS context, made on the first https
     * connection rather than at start, is still TLS that verifies: the receiver's self-signed
     * certificate is not among the JVM's CAs, so nothing reaches it; a later request fails the same way.
     */
    @Test
    void theDefaultTlsMadeOnFirstUseRefusesACertificateTheJvmDoesNotTrust() {
        int before = https.received().size();
        try (GuardedHttpClient client = new GuardedHttpClient(new AddressGuard(List.of(IpRanges.network("127.0.0.0/8")), false),
                properties(Duration.ofSeconds(15), null), 64)) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> post(client, https.url("localhost", "/hook"))).isInstanceOf(javax.net.ssl.SSLException.class);
            }
        }
        assertThat(https.received()).hasSize(before);
    }

    @Test
    void tlsStillVerifiesTheReceiversName() {
        // A name the certificate does not carry, resolving (in the guard's look-up) to the receiver's allowed address.
        org.apache.hc.client5.http.DnsResolver dns = new org.apache.hc.client5.http.DnsResolver() {
            @Override
            public java.net.InetAddress[] resolve(String host) throws java.net.UnknownHostException {
                return SystemDefaultDnsResolver.INSTANCE.resolve(host.equals("other.example.com") ? "127.0.0.1" : host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        int before = https.received().size();
        try (GuardedHttpClient client = client(new AddressGuard(List.of(IpRanges.network("127.0.0.0/8")), false, dns))) {
            assertThatThrownBy(() -> post(client, https.url("other.example.com", "/hook"))).isInstanceOf(javax.net.ssl.SSLException.class);
        }
        assertThat(https.received()).hasSize(before);
    }

    @Test
    void anUntrustedCertificateIsRefused() {
        int before = https.received().size();
        try (GuardedHttpClient client = new GuardedHttpClient(new AddressGuard(List.of(IpRanges.network("127.0.0.0/8")), false),
                properties(Duration.ofSeconds(15), null), 64)) {
            assertThatThrownBy(() -> post(client, https.url("localhost", "/hook"))).isInstanceOf(javax.net.ssl.SSLException.class);
        }
        assertThat(https.received()).hasSize(before);
    }

    @Test
    void redirectsAreNotFollowedRetryAfterIsPassedOnAndASlowReceiverTimesOut() throws Exception {
        try (LocalReceiver receiver = new LocalReceiver();
             GuardedHttpClient client = new GuardedHttpClient(new AddressGuard(List.of(), true), properties(Duration.ofSeconds(1), null), 64)) {
            receiver.answer(n -> n == 0 ? 307 : 503);
            receiver.replyHeader("Location", receiver.url("/elsewhere"));
            assertThat(post(client, receiver.url("/moved")).status()).isEqualTo(307);
            assertThat(receiver.received()).hasSize(1);
            receiver.replyHeader("Retry-After", "120");
            GuardedHttpClient.Answer busy = post(client, receiver.url("/busy"));
            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.retryAfter()).isEqualTo("120");
            assertThat(busy.body()).isEqualTo("{\"received\": 1}");
            receiver.delay(3_000);
            assertThatThrownBy(() -> post(client, receiver.url("/slow"))).isInstanceOf(GuardedHttpClient.TimedOut.class);
        }
    }

    /** The start-up check: a client whose connections bypass the guard is caught (and the server then refuses to start). */
    @Test
    void aClientThatDoesNotCheckWhereItConnectsFailsTheStartUpCheck() {
        AddressGuard guard = new AddressGuard(List.of(), false);
        try (GuardedHttpClient guarded = new GuardedHttpClient(guard, properties(Duration.ofSeconds(2), null), 4)) {
            guarded.requireEnforced();
        }
        try (GuardedHttpClient unguarded = new GuardedHttpClient(guard, SystemDefaultDnsResolver.INSTANCE, properties(Duration.ofSeconds(2), null), 4)) {
            assertThatThrownBy(unguarded::requireEnforced).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("does not check addresses where it connects");
        }
    }
}
