package org.openkyc.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CIDR networks as operators write them (openkyc.webhooks.allowed-networks): parsed strictly, never looked up. */
class IpRangesTest {

    @ParameterizedTest
    @CsvSource({"10.20.0.0/16, 10.20.255.1, true", "10.20.0.0/16, 10.21.0.1, false", "0.0.0.0/0, 8.8.8.8, true", "0.0.0.0/0, ::1, false",
            "10.0.0.7, 10.0.0.7, true", "10.0.0.7, 10.0.0.8, false", "172.16.0.0/12, 172.31.1.1, true", "172.16.0.0/12, 172.32.0.1, false",
            "fd00::/8, fd12::1, true", "fd00::/8, fc00::1, false", "::1/128, ::1, true", "::/0, 2001:db8::1, true", "::/0, 10.0.0.1, false",
            "127.0.0.0/8, ::ffff:127.0.0.9, true"})
    void aNetworkContainsItsAddressesOnly(String cidr, String address, boolean contained) throws Exception {
        assertThat(IpRanges.network(cidr).contains(InetAddress.getByName(address))).as(cidr + " ∋ " + address).isEqualTo(contained);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/8/8", "10.0.0.0/ 8", "10.0.0.0/0x8", "example.com/8",
            "example.com", "localhost", "10.0.0/8", "1.2.3.4.5/32", "300.0.0.0/8", "10.1.0.0/8", "fd00::1/8", "fd00:::1::/16", "", " ", "*"})
    void aMalformedNetworkSaysWhatIsWrong(String cidr) {
        assertThatThrownBy(() -> IpRanges.network(cidr)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + cidr + "' is not a network");
    }

    @Test
    void hostBitsPastThePrefixAreATypoNotAWiderNetwork() {
        assertThatThrownBy(() -> IpRanges.network("10.2.0.0/8")).hasMessageContaining("bits set past the /8 prefix");
        assertThat(IpRanges.network(" 10.0.0.0/8 ").cidr()).isEqualTo("10.0.0.0/8");
    }
}
