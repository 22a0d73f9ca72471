package org.openkyc.verification;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;

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

    /**
     * Lookups at once. The evaluator decides a batch (64) in parallel and each lookup takes a
     * connection: unbounded, they took the whole pool under load (bench/live), the API answered 503
     * and the lookups that timed out sent their attempts back for a retry 30 s later.
     */
    static final int CONCURRENT_LOOKUPS = 4;

    private final SsnHolders holders;
    private final Semaphore lookups = new Semaphore(CONCURRENT_LOOKUPS, true);

    DuplicateIdentityCheck(SsnHolders holders) {
        this.holders = holders;
    }

    @Override
    public String name() {
        return "duplicate_identity";
    }

    @Override
    public List<CheckResult> run(Applicant applicant) {
        KycSubject person = applicant.person();
        if (IdentityChecks.blank(person.ssn())) {
            return List.of();
        }
        List<String> others = holders(person).stream()
                .filter(other -> !samePerson(person, other))
                .map(other -> other.customerId().toString()).toList();
        if (others.isEmpty()) {
            return List.of();
        }
        return List.of(CheckResult.hit(name(), "ssn_shared", "Another customer of this brand has the same SSN with a different name or date of birth.",
                Map.of("other_customer_ids", others)));
    }

    private List<SsnHolders.Holder> holders(KycSubject person) {
        lookups.acquireUninterruptibly();
        try {
            return holders.othersWith(person.brandId(), person.customerId(), person.ssn());
        } finally {
            lookups.release();
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
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replaceAll("[\\s'’-]", "").toLowerCase(Locale.ROOT);
    }
}
