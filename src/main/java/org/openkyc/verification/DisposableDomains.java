package org.openkyc.verification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Domains of disposable e-mail providers. The shipped list is the CC0 disposable-email-domains
 * blocklist (resource {@code verification/disposable_email_blocklist.conf}, source and date in
 * docs/DECISIONS.md); {@code openkyc.verification.disposable-email.file} adds the domains of a file
 * of one's own (same format: one domain a line, {@code #} comments), or replaces the shipped list
 * when {@code openkyc.verification.disposable-email.replace=true}. A file that cannot be read stops
 * the start: screening e-mail against a list the operator did not mean is worse than not starting.
 */
@Component
final class DisposableDomains {

    static final String SHIPPED = "verification/disposable_email_blocklist.conf";

    private final Set<String> domains;

    DisposableDomains(@Value("${openkyc.verification.disposable-email.file:}") String file,
                      @Value("${openkyc.verification.disposable-email.replace:false}") boolean replace) {
        Set<String> loaded = new HashSet<>();
        if (file.isBlank() || !replace) {
            add(DataLines.ofResource(SHIPPED), loaded);
        }
        if (!file.isBlank()) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                add(DataLines.of(in), loaded);
            } catch (IOException e) {
                throw new IllegalStateException("openkyc.verification.disposable-email.file cannot be read: " + file, e);
            }
        }
        this.domains = Set.copyOf(loaded);
    }

    private static void add(List<String> lines, Set<String> into) {
        lines.forEach(line -> into.add(line.strip().toLowerCase(Locale.ROOT)));
    }

    int size() {
        return domains.size();
    }

    /** The listed domain that is this domain or one of its parents, if any. */
    Optional<String> listedParentOf(String domain) {
        for (String d = domain; ; ) {
            if (domains.contains(d)) {
                return Optional.of(d);
            }
            int dot = d.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            d = d.substring(dot + 1);
        }
    }
}
