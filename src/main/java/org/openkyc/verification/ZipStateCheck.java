package org.openkyc.verification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openkyc.customer.KycSubject;
import org.springframework.stereotype.Component;

/**
 * SPEC §8.1 address, ZIP-to-state consistency for US addresses: the first three digits of the ZIP
 * Code name the states (or territory, or military code) that USPS serves with them (resource
 * {@code verification/zip3-states.tsv}, compiled from USPS's L002 matrix). A ZIP whose prefix serves
 * another state than the one given is a typo the customer can fix, or an address that is not theirs.
 * Prefixes not in use are not judged here.
 */
@Component
final class ZipStateCheck implements Check {

    static final String TABLE = "verification/zip3-states.tsv";

    /** States by prefix, 0-999; null where no prefix is in use. */
    private final Set<String>[] statesByPrefix;

    ZipStateCheck() {
        this.statesByPrefix = load();
    }

    @Override
    public String name() {
        return "zip_state";
    }

    @Override
    public List<CheckResult> run(Applicant applicant) {
        List<CheckResult> hits = new ArrayList<>();
        for (KycSubject.PostalAddress address : applicant.person().addresses()) {
            if (!"US".equals(address.country()) || address.zipCode() == null || address.state() == null) {
                continue;
            }
            Set<String> served = statesFor(address.zipCode());
            if (served != null && !served.contains(address.state())) {
                hits.add(CheckResult.hit(name(), "zip_state_mismatch", "The ZIP Code " + prefix(address.zipCode()) + "xx is not in "
                        + address.state() + ".", Map.of("zip_prefix", prefix(address.zipCode()), "state", address.state(),
                        "prefix_states", served.stream().sorted().toList())));
            }
        }
        return hits;
    }

    /** The codes a ZIP's prefix serves, or null for a prefix not in use or a ZIP not of the US form. */
    Set<String> statesFor(String zip) {
        String prefix = prefix(zip);
        return prefix.length() == 3 && prefix.chars().allMatch(c -> c >= '0' && c <= '9') ? statesByPrefix[Integer.parseInt(prefix)] : null;
    }

    private static String prefix(String zip) {
        return zip.length() >= 3 ? zip.substring(0, 3) : zip;
    }

    @SuppressWarnings("unchecked")
    private static Set<String>[] load() {
        Set<String>[] table = new Set[1000];
        for (String line : DataLines.ofResource(TABLE)) {
            String[] columns = line.split("\t");
            String[] range = columns[0].split("-");
            int from = Integer.parseInt(range[0]);
            int to = Integer.parseInt(range[range.length - 1]);
            Set<String> codes = Set.of(columns[1].split(","));
            for (int p = from; p <= to; p++) {
                if (table[p] != null) {
                    throw new IllegalStateException(TABLE + " lists prefix " + p + " twice");
                }
                table[p] = codes;
            }
        }
        return table;
    }
}
