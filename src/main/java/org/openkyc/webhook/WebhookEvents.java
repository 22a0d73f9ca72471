package org.openkyc.webhook;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The event names of SPEC §7.2, and the expansion of wildcards ({@code kyc.*}, {@code *}) at save time. */
final class WebhookEvents {

    static final List<String> ALL = List.of(
            "kyc.verification.submitted", "kyc.verification.success", "kyc.verification.failure", "kyc.verification.error",
            "kyc.verification.timeout", "kyc.verification.document_required", "kyc.verification.reenter_information",
            "kyc.verification.under_review", "customer.created", "customer.updated", "customer.deleted", "watchlist.match",
            "webhook.test");

    private WebhookEvents() {
    }

    /** The concrete names a pattern stands for; empty when it names nothing. */
    static Set<String> expand(String pattern) {
        Set<String> names = new LinkedHashSet<>();
        if (pattern.equals("*")) {
            names.addAll(ALL);
        } else if (pattern.endsWith(".*")) {
            String prefix = pattern.substring(0, pattern.length() - 1);
            ALL.stream().filter(name -> name.startsWith(prefix)).forEach(names::add);
        } else if (ALL.contains(pattern)) {
            names.add(pattern);
        }
        return names;
    }
}
