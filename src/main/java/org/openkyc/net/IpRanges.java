package org.openkyc.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Private, local and reserved address ranges (IPv4 and IPv6), shared by the applicant IP check and
 * the webhook delivery guard. Java already turns IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d})
 * into IPv4 ones, so they get the IPv4 rules.
 */
public final class IpRanges {

    private IpRanges() {
    }

    public static boolean privateOrReserved(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            int third = b[2] & 0xff;
            return first == 0 || first >= 240 // "this network", reserved and broadcast
                    || (first == 100 && second >= 64 && second <= 127) // CGNAT 100.64.0.0/10
                    || (first == 192 && second == 0 && (third == 0 || third == 2)) // IETF, TEST-NET-1
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || (first == 198 && second == 51 && third == 100) || (first == 203 && second == 0 && third == 113);
        }
        int first = b[0] & 0xff;
        if (ietfReserved(b)) {
            return true;
        }
        return (first & 0xfe) == 0xfc // unique local fc00::/7
                || (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) // 2001:db8::/32
                || (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) // NAT64 64:ff9b::/96
                || (first == 0x20 && (b[1] & 0xff) == 0x02); // 6to4 2002::/16 can wrap private IPv4
    }

    /**
     * IPv6 blocks never given to hosts on the internet: ::/8 and 0100::/8 (reserved by the IETF:
     * IPv4-compatible {@code ::a.b.c.d}, discard-only 100::/64) and the protocol assignments
     * 2001::/23 (Teredo 2001::/32 wraps an IPv4 address).
     */
    private static boolean ietfReserved(byte[] b) {
        int first = b[0] & 0xff;
        return first == 0x00 || first == 0x01 || (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xfe) == 0x00);
    }

    /** A network in CIDR notation: the address's first {@code bits} bits. */
    public record Network(String cidr, byte[] prefix, int bits) {

        public boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                int mask = mask(bits - i * 8);
                if ((prefix[i] & mask) != (a[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static int mask(int remaining) {
        return remaining >= 8 ? 0xff : remaining <= 0 ? 0 : (0xff << (8 - remaining)) & 0xff;
    }

    /**
     * Parses {@code 10.20.0.0/16}, {@code fd00::/8} or a bare address (one host). Only literal
     * addresses (a name is never looked up), a prefix length the family allows, and no bits set past
     * the prefix (a typo like {@code 10.2.0.0/8} would allow far more than meant).
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static Network network(String cidr) {
        String text = cidr == null ? "" : cidr.trim();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        boolean v4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}") && Arrays.stream(address.split("\\.")).allMatch(o -> Integer.parseInt(o) <= 255);
        if (!v4 && !address.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("'" + cidr + "' is not a network: expected an IP address and a prefix length, e.g. 10.20.0.0/16");
        }
        byte[] prefix;
        try {
            // A valid IPv4 literal, or an IPv6 one in brackets: parsed, never looked up (anything else is refused unresolved).
            prefix = InetAddress.getByName(v4 ? address : "[" + address + "]").getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + cidr + "' is not a network: " + address + " is not an IP address");
        }
        int bits = prefix.length * 8;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > prefix.length * 8) {
                throw new IllegalArgumentException("'" + cidr + "' is not a network: the prefix length must be 0 to " + prefix.length * 8);
            }
            bits = Integer.parseInt(length);
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((prefix[i] & ~mask(bits - i * 8) & 0xff) != 0) {
                throw new IllegalArgumentException("'" + cidr + "' is not a network: it has bits set past the /" + bits + " prefix");
            }
        }
        return new Network(text, prefix, bits);
    }
}
