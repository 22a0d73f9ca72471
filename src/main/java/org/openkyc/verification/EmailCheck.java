package org.openkyc.verification;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * SPEC §8.1 e-mail: a practical syntax check (dot-atom local part, no quoted forms), a domain of
 * plausible form (two labels at least, an alphabetic or IDN top-level label, no IP literal), and
 * the disposable-domain list, matched on the domain and on every parent of it, so that
 * {@code x.mailinator.com} counts as {@code mailinator.com}. Evidence names the listed domain,
 * never the address.
 */
@Component
final class EmailCheck implements Check {

    /** RFC 5322 atext, in dot-atom form: no leading, trailing or doubled dots. */
    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TOP_LABEL = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");

    private final DisposableDomains disposable;

    EmailCheck(DisposableDomains disposable) {
        this.disposable = disposable;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public List<CheckResult> run(Applicant applicant) {
        String email = applicant.person().email();
        if (IdentityChecks.blank(email)) {
            return List.of();
        }
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1 || email.length() > 254) {
            return invalid("The e-mail address is not of the form name@domain.");
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1).toLowerCase(Locale.ROOT);
        if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
            return invalid("The part of the e-mail address before the @ is not valid.");
        }
        if (!plausibleDomain(domain)) {
            return invalid("The e-mail address's domain is not a valid domain name.");
        }
        return disposable.listedParentOf(domain)
                .map(listed -> List.of(CheckResult.hit(name(), "email_disposable", "The e-mail address is at a disposable e-mail provider.",
                        Map.<String, Object>of("domain", listed))))
                .orElse(List.of());
    }

    /** At least two labels, each a valid host label, the last alphabetic (or an IDN): no IP literal, no single-label host. */
    static boolean plausibleDomain(String domain) {
        if (domain.length() > 253 || domain.endsWith(".")) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return TOP_LABEL.matcher(labels[labels.length - 1]).matches();
    }

    private List<CheckResult> invalid(String message) {
        return List.of(CheckResult.hit(name(), "email_invalid", message, Map.of()));
    }
}
