package org.openkyc.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkyc.verification.Applicants.applicant;
import static org.openkyc.verification.Applicants.codes;
import static org.openkyc.verification.Applicants.expected;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §8.1 IP check: syntax; private and reserved addresses flagged; required when the program says so. */
class IpCheckTest {

    private final IpCheck check = new IpCheck();

    private List<String> codesFor(String ip) {
        return codes(check.run(applicant().ip(ip).build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", " 8.8.8.8 ", "1.1.1.1", "11.0.0.1", "9.255.255.255", "172.15.255.255", "172.32.0.0", "100.63.255.255",
            "100.128.0.0", "169.253.255.255", "192.167.255.255", "192.169.0.1", "192.0.1.1", "192.0.3.1", "198.17.255.255", "198.20.0.0",
            "198.51.99.1", "198.51.101.1", "203.0.112.1", "203.0.114.1", "223.255.255.255", "2001:4860:4860::8888", "2606:4700::1111",
            "::ffff:8.8.8.8", "2a00:1450:4001:82b::200e"})
    void publicAddressesAreClear(String ip) {
        assertThat(codesFor(ip)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // RFC 1918, loopback, link-local, "this network", CGNAT
            "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255", "192.168.0.1", "192.168.255.255", "127.0.0.1", "127.255.255.254",
            "169.254.0.1", "169.254.169.254", "0.0.0.0", "0.1.2.3", "100.64.0.1", "100.127.255.255",
            // IETF protocol assignments, documentation, benchmarking
            "192.0.0.1", "192.0.2.1", "198.18.0.1", "198.19.255.255", "198.51.100.1", "203.0.113.1",
            // multicast, reserved, broadcast
            "224.0.0.1", "239.255.255.255", "240.0.0.1", "255.255.255.255",
            // IPv6: loopback, unspecified, link-local, site-local, unique local, multicast, documentation, NAT64, 6to4
            "::1", "::", "fe80::1", "fec0::1", "fc00::1", "fd12:3456:789a::1", "ff02::1", "2001:db8::1", "64:ff9b::a00:1", "2002:a00:1::1",
            // IPv4-mapped: the IPv4 rules
            "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::ffff:7f00:1",
            // IPv4-compatible (deprecated, in the IETF-reserved ::/8), discard-only 100::/64, Teredo and the rest of 2001::/23
            "::127.0.0.1", "::10.0.0.1", "::8.8.8.8", "100::1", "2001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:1ff::1",
    })
    void privateAndReservedAddressesAreFlagged(String ip) {
        assertThat(codesFor(ip)).containsExactly("ip_private");
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "1.2.3.4/32", "abc", "example.com", "localhost",
            "1::2::3", "fe80::1%eth0", "[::1]", "::ffff:999.1.1.1", "1.2.3.4:80", "12345::1", "-1.2.3.4", "١.٢.٣.٤"})
    void malformedAddressesAreInvalid(String ip) {
        assertThat(codesFor(ip)).containsExactly("ip_invalid");
    }

    @ParameterizedTest(name = "ip ''{0}'', require_ip {1}, required_fields {2} -> {3}")
    @CsvSource(nullValues = "none", value = {
            "none, false, ssn, none",
            "'', false, ssn, none",
            "'  ', false, ssn, none",
            "none, true, ssn, missing_ip",
            "'', true, ssn, missing_ip",
            "'', false, ssn;ip, missing_ip",
            "8.8.8.8, true, ssn;ip, none",
            "10.0.0.1, false, ssn, ip_private",
    })
    void requiredWhenTheProgramSaysSo(String ip, boolean requireIp, String requiredFields, String expected) {
        Applicant a = applicant().ip(ip).requireIp(requireIp).requiredFields(List.of(requiredFields.split(";"))).build();
        assertThat(codes(check.run(a))).isEqualTo(expected(expected));
    }
}
