package org.openkyc.verification;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import org.openkyc.customer.KycSubject;
import org.openkyc.customer.SsnHolders;
import org.springframework.stereotype.Component;

/**
 * SPEC §8.1 duplicate identity: the applicant's SSN held by another customer of the same brand
 * under a different name or date of birth is {@code ssn_shared} (a reviewer looks: a stolen or
 * synthetic identity, or a family mix-up). The same name and DOB again is the same person entered
 * twice, not a finding. The evidence is the other customers' ids, never their data.
 */
@Component
final class DuplicateIdentityCheck implements Check {

    /** Marks (the accents NFD splits off), spaces, apostrophes and hyphens. */
    private static final Pattern IGNORED = Pattern.compile("[\\p{M}\\s'’-]");

    private final SsnHolders holders;

    DuplicateIdentityCheck(SsnHolders holders) {
        this.holders = holders;
    }

    @Override
    public String name() {
        return "duplicate_identity";
    }

    @Override
    public List<CheckResult> run(Applicant applicant) {
        return forRound(List.of(applicant)).run(applicant);
    }

    /**
     * The round's holders in one query per brand (a round is one brand's attempts, mostly): one
     * query per applicant, limited to a few at once so as not to take the connection pool, was
     * what held the live evaluator back (bench/evaluator-live, docs/DECISIONS.md).
     */
    @Override
    public Check forRound(List<Applicant> applicants) {
        Map<UUID, Map<UUID, String>> ssnsByBrand = new HashMap<>();
        for (Applicant applicant : applicants) {
            KycSubject person = applicant.person();
            if (!IdentityChecks.blank(person.ssn())) {
                ssnsByBrand.computeIfAbsent(person.brandId(), b -> new HashMap<>()).put(person.customerId(), person.ssn());
            }
        }
        Map<UUID, List<SsnHolders.Holder>> found = new HashMap<>();
        ssnsByBrand.forEach((brandId, ssns) -> found.putAll(holders.othersWith(brandId, ssns)));
        return new Found(found);
    }

    /** The check on a round's holders, looked up already. */
    private final class Found implements Check {
        private final Map<UUID, List<SsnHolders.Holder>> holdersByCustomer;

        Found(Map<UUID, List<SsnHolders.Holder>> holdersByCustomer) {
            this.holdersByCustomer = holdersByCustomer;
        }

        @Override
        public String name() {
            return DuplicateIdentityCheck.this.name();
        }

        @Override
        public List<CheckResult> run(Applicant applicant) {
            KycSubject person = applicant.person();
            if (IdentityChecks.blank(person.ssn())) {
                return List.of();
            }
            List<SsnHolders.Holder> holders = holdersByCustomer.get(person.customerId());
            if (holders == null) {
                throw new IllegalStateException("applicant not in the round this check looked up");
            }
            List<String> others = holders.stream()
                    .filter(other -> !samePerson(person, other))
                    .map(other -> other.customerId().toString()).toList();
            if (others.isEmpty()) {
                return List.of();
            }
            return List.of(CheckResult.hit(name(), "ssn_shared", "Another customer of this brand has the same SSN with a different name or date of birth.",
                    Map.of("other_customer_ids", others)));
        }
    }

    static boolean samePerson(KycSubject person, SsnHolders.Holder other) {
        return comparable(person.firstName()).equals(comparable(other.firstName()))
                && comparable(person.lastName()).equals(comparable(other.lastName()))
                && Objects.equals(person.dob(), other.dob());
    }

    /** Case, accents, spaces, apostrophes and hyphens do not make another name. */
    static String comparable(String name) {
        if (name == null) {
            return "";
        }
        return IGNORED.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
