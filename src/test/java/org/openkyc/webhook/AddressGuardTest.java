package org.openkyc.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openkyc.net.IpRanges;

/**
 * SPEC §7.1 SSRF guard at the level where the delivery client resolves names before it connects
 * (the same for http and https: the scheme never reaches it); nothing here opens a connection.
 */
class AddressGuardTest {

    private final AddressGuard live = new AddressGuard(List.of(), false);

    private static List<IpRanges.Network> networks(String... cidrs) {
        return java.util.Arrays.stream(cidrs).map(IpRanges::network).toList();
    }

    /** DNS answers of the test's choosing, so names that point at any range are tried without a real DNS. */
    private static DnsResolver dns(Map<String, List<String>> answers) {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                List<String> addresses = answers.get(host);
                if (addresses == null) {
                    throw new UnknownHostException(host);
                }
                InetAddress[] result = new InetAddress[addresses.size()];
                for (int i = 0; i < result.length; i++) {
                    result[i] = InetAddress.getByName(addresses.get(i));
                }
                return result;
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
    }

    /** Every blocked range: loopback, private, link-local (metadata), CGNAT, multicast, reserved, and their IPv6 kin. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1", "169.254.0.1",
            "169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0", "224.0.0.1", "239.255.255.250", "255.255.255.255",
            "240.0.0.1", "198.18.0.1", "192.0.2.1", "::1", "[::1]", "::", "fe80::1", "febf::1", "fc00::1", "fd12:3456::1", "ff02::1",
            "::ffff:10.0.0.1", "::ffff:127.0.0.1", "[::ffff:169.254.169.254]", "2001:db8::1"})
    void everyBlockedRangeIsRefusedWhereTheClientResolves(String host) {
        assertThatThrownBy(() -> live.resolve(host)).as(host).isInstanceOf(AddressGuard.Refused.class).hasMessageContaining("private or reserved");
        assertThatThrownBy(() -> live.resolve(host, 443)).as(host).isInstanceOf(AddressGuard.Refused.class);
    }

    /** The same ranges behind a name: what the name resolves to is what is checked. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "224.0.0.1", "240.0.0.1",
            "::1", "fc00::1", "fe80::1", "::ffff:127.0.0.1"})
    void aNameThatResolvesToABlockedAddressIsRefused(String address) {
        AddressGuard guard = new AddressGuard(List.of(), false, dns(Map.of("hooks.example.com", List.of(address))));
        assertThatThrownBy(() -> guard.resolve("hooks.example.com")).isInstanceOf(AddressGuard.Refused.class)
                .hasMessageContaining("private or reserved");
    }

    @Test
    void localhostIsRefusedAndANameWithOneInsideAddressIsRefusedWhole() {
        assertThatThrownBy(() -> live.resolve("localhost")).isInstanceOf(AddressGuard.Refused.class).hasMessageContaining("private or reserved");
        AddressGuard guard = new AddressGuard(List.of(), false, dns(Map.of("mixed.example.com", List.of("93.184.216.34", "10.0.0.7"))));
        assertThatThrownBy(() -> guard.resolve("mixed.example.com")).hasMessageContaining("10.0.0.7");
        assertThatThrownBy(() -> guard.resolve("nowhere.example.com")).isInstanceOf(AddressGuard.Refused.class).hasMessage("host does not resolve");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "[2606:4700:4700::1111]", "172.32.0.1", "100.128.0.1"})
    void publicAddressesPass(String host) throws Exception {
        assertThat(live.resolve(host)).hasSize(1);
        assertThat(live.resolve(host, 443)).extracting(java.net.InetSocketAddress::getPort).containsExactly(443);
    }

    @Test
    void aNameResolvesToAllItsAllowedAddresses() throws Exception {
        AddressGuard guard = new AddressGuard(List.of(), false, dns(Map.of("hooks.example.com", List.of("93.184.216.34", "2606:4700::1"))));
        assertThat(guard.resolve("hooks.example.com")).extracting(InetAddress::getHostAddress).containsExactly("93.184.216.34", "2606:4700:0:0:0:0:0:1");
    }

    @Test
    void sandboxAllowsLoopbackAndOperatorsCanAllowANetwork() throws Exception {
        assertThat(new AddressGuard(List.of(), true).resolve("127.0.0.1")).hasSize(1);
        assertThat(new AddressGuard(List.of(), true).resolve("::1")).hasSize(1);
        assertThatThrownBy(() -> new AddressGuard(List.of(), true).resolve("10.0.0.5")).isInstanceOf(AddressGuard.Refused.class);
        assertThat(new AddressGuard(networks("10.20.0.0/16"), false).resolve("10.20.3.4")).hasSize(1);
        assertThatThrownBy(() -> new AddressGuard(networks("10.20.0.0/16"), false).resolve("10.21.3.4")).isInstanceOf(AddressGuard.Refused.class);
        assertThat(new AddressGuard(networks("fd00::/8"), false).resolve("fd00::5")).hasSize(1);
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
}
