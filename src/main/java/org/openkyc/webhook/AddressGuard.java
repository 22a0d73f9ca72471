package org.openkyc.webhook;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.openkyc.net.IpRanges;

/**
 * SPEC §7.1: delivery never reaches loopback, private, link-local, CGNAT, multicast or reserved
 * addresses unless the operator allows the network. It is the delivery client's name resolution,
 * so the check is made on the very addresses a connection is then opened to (http and https
 * alike, a literal IP as well as a name): a name that resolves somewhere else a moment later cannot
 * slip past it.
 */
final class AddressGuard implements DnsResolver {

    /** Why a host may not be called; an {@link UnknownHostException} so the client fails the connection with it. */
    static final class Refused extends UnknownHostException {
        Refused(String reason) {
            super(reason);
        }
    }

    private final List<IpRanges.Network> allowed;
    private final DnsResolver names;

    AddressGuard(List<IpRanges.Network> allowedNetworks, boolean sandbox) {
        this(allowedNetworks, sandbox, SystemDefaultDnsResolver.INSTANCE);
    }

    /** With {@code names} answering the look-ups (tests stand in for DNS with it). */
    AddressGuard(List<IpRanges.Network> allowedNetworks, boolean sandbox, DnsResolver names) {
        List<IpRanges.Network> networks = new ArrayList<>(allowedNetworks);
        if (sandbox) {
            networks.add(IpRanges.network("127.0.0.0/8"));
            networks.add(IpRanges.network("::1/128"));
        }
        this.allowed = List.copyOf(networks);
        this.names = names;
    }

    /**
     * Every address {@code host} resolves to, when each may be called; refused as a whole when any
     * may not (a name that also points inside is not trusted for its other addresses).
     */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        if (host == null || host.isEmpty()) {
            throw new Refused("no host");
        }
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = names.resolve(name);
        } catch (UnknownHostException e) {
            throw new Refused("host does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new Refused("host does not resolve");
        }
        for (InetAddress address : addresses) {
            String refusal = refusal(address);
            if (refusal != null) {
                throw new Refused(refusal);
            }
        }
        return addresses.clone();
    }

    /** Overridden so that no address ever leaves here unresolved (the interface's default would for a null answer). */
    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host)).map(a -> new InetSocketAddress(a, port)).toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return names.resolveCanonicalHostname(host);
    }

    /** Null when {@code address} may be called, else why not. */
    String refusal(InetAddress address) {
        if (IpRanges.privateOrReserved(address) && allowed.stream().noneMatch(n -> n.contains(address))) {
            return "address " + address.getHostAddress() + " is private or reserved";
        }
        return null;
    }
}
