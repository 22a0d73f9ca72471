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

    /** Null when the URL may be called, else why not. */
    String refuse(URI url) {
        String host = url.getHost();
        if (host == null) {
            return "no host";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return "host does not resolve";
        }
        for (InetAddress address : addresses) {
            if (IpRanges.privateOrReserved(address) && allowed.stream().noneMatch(cidr -> IpRanges.contains(cidr, address))) {
                return "address " + address.getHostAddress() + " is private or reserved";
            }
        }
        return null;
    }
}
