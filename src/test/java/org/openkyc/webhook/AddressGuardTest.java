package org.openkyc.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §7.1 SSRF guard, decided on resolved addresses; nothing here opens a connection. */
class AddressGuardTest {

    private final AddressGuard live = new AddressGuard(List.of(), false);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1", "169.254.169.254",
            "100.64.0.1", "100.127.255.254", "0.0.0.0", "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1", "198.18.0.1",
            "[::1]", "[::]", "[fe80::1]", "[fc00::1]", "[fd12:3456::1]", "[ff02::1]", "[::ffff:10.0.0.1]", "[::ffff:127.0.0.1]", "[2001:db8::1]"})
    void blockedRanges(String host) {
        assertThat(live.refuse(URI.create("http://" + host + ":8080/hook"))).as(host).isNotNull();
    }

    @Test
    void aHostnameThatResolvesToABlockedAddressIsBlocked() {
        assertThat(live.refuse(URI.create("http://localhost:9/hook"))).contains("private or reserved");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "[2606:4700:4700::1111]", "172.32.0.1", "100.128.0.1"})
    void publicAddressesPass(String host) {
        assertThat(live.refuse(URI.create("https://" + host + "/hook"))).as(host).isNull();
    }

    @Test
    void sandboxAllowsLoopbackAndOperatorsCanAllowANetwork() {
        assertThat(new AddressGuard(List.of(), true).refuse(URI.create("http://127.0.0.1:8080/"))).isNull();
        assertThat(new AddressGuard(List.of(), true).refuse(URI.create("http://10.0.0.5/"))).isNotNull();
        assertThat(new AddressGuard(List.of("10.20.0.0/16"), false).refuse(URI.create("http://10.20.3.4/"))).isNull();
        assertThat(new AddressGuard(List.of("10.20.0.0/16"), false).refuse(URI.create("http://10.21.3.4/"))).isNotNull();
    }

    @Test
    void retryScheduleFollowsTheContractWithJitter() {
        RetrySchedule schedule = new RetrySchedule(1.0);
        for (int attempt = 1; attempt <= 9; attempt++) {
            long base = RetrySchedule.DELAYS.get(attempt - 1).toMillis();
            assertThat(schedule.next(attempt, null).toMillis()).isBetween((long) (base * 0.8), (long) (base * 1.2));
        }
        assertThat(schedule.next(10, null)).as("about three days of retries, then no more").isNull();
        assertThat(schedule.next(1, java.time.Duration.ofMinutes(10)).toMinutes()).isBetween(8L, 12L);
        assertThat(schedule.next(1, java.time.Duration.ofDays(9)).toHours()).isBetween(19L, 29L);
    }

    @Test
    void plainHttpGoesToTheCheckedAddressWithTheNameInTheHostHeader() throws Exception {
        java.net.InetAddress v4 = java.net.InetAddress.getByName("203.0.113.7");
        java.net.InetAddress v6 = java.net.InetAddress.getByName("2001:db8::7");
        assertThat(AddressGuard.pinned(URI.create("http://hooks.example.com:8080/in/bond?x=1&y=%20"), v4))
                .isEqualTo(URI.create("http://203.0.113.7:8080/in/bond?x=1&y=%20"));
        assertThat(AddressGuard.pinned(URI.create("http://hooks.example.com"), v6)).isEqualTo(URI.create("http://[2001:db8:0:0:0:0:0:7]/"));
        assertThat(AddressGuard.pinned(URI.create("https://hooks.example.com/in"), v4)).as("TLS keeps the name")
                .isEqualTo(URI.create("https://hooks.example.com/in"));
        assertThat(AddressGuard.hostHeader(URI.create("http://hooks.example.com:8080/in"))).isEqualTo("hooks.example.com:8080");
        assertThat(AddressGuard.hostHeader(URI.create("http://hooks.example.com/in"))).isEqualTo("hooks.example.com");
    }

    @Test
    void aCheckReturnsTheAddressesItChecked() {
        AddressGuard.Verdict verdict = new AddressGuard(List.of(), true).check(URI.create("http://127.0.0.1:9/"));
        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.addresses()).extracting(java.net.InetAddress::getHostAddress).containsExactly("127.0.0.1");
        assertThat(live.check(URI.create("http://127.0.0.1:9/")).addresses()).isEmpty();
    }
}
