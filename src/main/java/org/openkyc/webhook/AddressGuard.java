package org.openkyc.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.openkyc.api.IpRanges;

/**
 * SPEC §7.1: delivery never reaches loopback, private, link-local, CGNAT, multicast or reserved
 * addresses unless the operator allows the network. Checked on every address the host resolves to,
 * right before each attempt, so a name that later resolves somewhere else is caught too.
 */
final class AddressGuard {

    private final List<String> allowed;

    AddressGuard(List<String> allowedNetworks, boolean sandbox) {
        List<String> networks = new ArrayList<>(allowedNetworks);
        if (sandbox) {
            networks.add("127.0.0.0/8");
            networks.add("::1/128");
        }
        this.allowed = List.copyOf(networks);
    }

    /** The outcome of a check: why the URL may not be called, or the addresses it may be called at. */
    record Verdict(String refusal, List<InetAddress> addresses) {
        boolean allowed() {
            return refusal == null;
        }
    }

    /** Null when the URL may be called, else why not. */
    String refuse(URI url) {
        return check(url).refusal();
    }

    /** Resolves the URL's host and checks every address it resolves to. */
    Verdict check(URI url) {
        String host = url.getHost();
        if (host == null) {
            return new Verdict("no host", List.of());
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return new Verdict("host does not resolve", List.of());
        }
        for (InetAddress address : addresses) {
            if (IpRanges.privateOrReserved(address) && allowed.stream().noneMatch(cidr -> IpRanges.contains(cidr, address))) {
                return new Verdict("address " + address.getHostAddress() + " is private or reserved", List.of());
            }
        }
        return new Verdict(null, List.of(addresses));
    }

    /**
     * For a plain-HTTP URL, the same URL with the checked address in place of the name; the caller
     * sends the name in the Host header. HTTPS URLs keep their name: the certificate check needs it,
     * and a name rebound to an inside address fails the handshake before any request is sent.
     */
    static URI pinned(URI url, InetAddress address) {
        if (!"http".equalsIgnoreCase(url.getScheme())) {
            return url;
        }
        String literal = address instanceof java.net.Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return URI.create(url.getScheme() + "://" + literal + (url.getPort() == -1 ? "" : ":" + url.getPort()) + path
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    }

    /** The Host header for a URL: its host, and its port when one is given. */
    static String hostHeader(URI url) {
        return url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }
}
