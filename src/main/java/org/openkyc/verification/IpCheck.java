package org.openkyc.verification;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/** The applicant's IP address: syntax, private or reserved ranges, presence when the program requires it. */
@Component
final class IpCheck implements Check {

    private static final Pattern IPV4 = Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]+$");

    @Override
    public String name() {
        return "ip";
    }

    @Override
    public List<CheckResult> run(Applicant a) {
        String ip = a.ip();
        boolean required = a.policy().require_ip() || a.policy().required_fields().contains("ip");
        if (ip == null || ip.isBlank()) {
            return required ? List.of(CheckResult.hit(name(), "missing_ip", "The program requires the applicant's IP address.", Map.of())) : List.of();
        }
        InetAddress address = parse(ip.trim());
        if (address == null) {
            return List.of(CheckResult.hit(name(), "ip_invalid", "The IP address is not valid.", Map.of()));
        }
        if (reserved(address)) {
            return List.of(CheckResult.hit(name(), "ip_private", "The IP address is private or reserved, not the applicant's public address.",
                    Map.of("ip", ip)));
        }
        return List.of();
    }

    /** A literal address, or null. Only literals reach InetAddress, so no name is ever looked up. */
    static InetAddress parse(String ip) {
        boolean v4 = IPV4.matcher(ip).matches();
        boolean v6 = !v4 && ip.contains(":") && IPV6_CHARS.matcher(ip).matches();
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static boolean reserved(InetAddress address) {
        return org.openkyc.net.IpRanges.privateOrReserved(address);
    }
}
