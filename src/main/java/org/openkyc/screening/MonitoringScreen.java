package org.openkyc.screening;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.openkyc.customer.MonitoredCustomer;
import org.openkyc.program.ProgramWatchlists;

/**
 * Screens customers against the entries a list update added or changed (an index over those
 * only, so a small update is cheap however long the lists are). The name is screened first
 * without the DOB, at the threshold less the largest DOB bonus; only the few customers whose name
 * comes that close have their DOB decrypted and are screened again with it at the threshold.
 */
final class MonitoringScreen {

    /** A brand's monitoring rules: the lists ("SDN", "CONS") and the potential-match threshold. */
    record Policy(Set<String> lists, double threshold) {
        static Policy of(List<String> programLists, double threshold) {
            return new Policy(Set.copyOf(ProgramWatchlists.lists(programLists)), threshold);
        }
    }

    /** A potential match of one customer. */
    record Candidate(MonitoredCustomer customer, Match match) {
    }

    private static final int CANDIDATES = 20;

    private final ScreeningIndex changed;

    MonitoringScreen(ScreeningIndex changed) {
        this.changed = changed;
    }

    /** The potential matches of these customers, each screened with the policy {@code policyOf} gives them. */
    List<Candidate> screen(List<MonitoredCustomer> customers, Function<MonitoredCustomer, Policy> policyOf) {
        List<Candidate> found = new ArrayList<>();
        for (MonitoredCustomer customer : customers) {
            if (customer.fullName().isEmpty()) {
                continue;
            }
            Policy policy = policyOf.apply(customer);
            if (!policy.lists().isEmpty()) {
                screen(customer, policy, found);
            }
        }
        return found;
    }

    private void screen(MonitoredCustomer customer, Policy policy, List<Candidate> found) {
        double nameOnly = Math.max(0, policy.threshold() - ScreeningIndex.DOB_DATE_BONUS);
        List<Match> close = changed.search(new ScreeningQuery(customer.fullName(), null, EntryType.INDIVIDUAL, CANDIDATES, nameOnly));
        if (close.stream().noneMatch(m -> policy.lists().contains(m.list()))) {
            return;
        }
        LocalDate dob = customer.dob();
        for (Match m : changed.search(new ScreeningQuery(customer.fullName(), dob, EntryType.INDIVIDUAL, CANDIDATES, policy.threshold()))) {
            if (policy.lists().contains(m.list())) {
                found.add(new Candidate(customer, m));
            }
        }
    }
}
