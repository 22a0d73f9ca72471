package org.openkyc.api;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

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

    /** Whether {@code address} lies in {@code cidr} (e.g. {@code 127.0.0.0/8}, {@code ::1/128}). */
    public static boolean contains(String cidr, InetAddress address) {
        String[] parts = cidr.trim().split("/");
        try {
            InetAddress network = InetAddress.getByName(parts[0]);
            if ((network instanceof Inet4Address) != (address instanceof Inet4Address)) {
                return false;
            }
            byte[] n = network.getAddress();
            byte[] a = address.getAddress();
            int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : n.length * 8;
            for (int i = 0; i < n.length; i++) {
                int remaining = bits - i * 8;
                if (remaining <= 0) {
                    return true;
                }
                int mask = remaining >= 8 ? 0xff : (0xff << (8 - remaining)) & 0xff;
                if ((n[i] & mask) != (a[i] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }
}
