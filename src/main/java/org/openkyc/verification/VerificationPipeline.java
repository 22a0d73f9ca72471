package org.openkyc.verification;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Live evaluation (SPEC §8): runs every {@link Check} bean, records each result, and decides. A
 * check that throws counts as not run: the attempt is retried, never passed on it.
 */
@Component
public class VerificationPipeline {

    private static final Logger log = LoggerFactory.getLogger(VerificationPipeline.class);

    private final List<Check> checks;

    VerificationPipeline(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    public Verdict evaluate(Applicant applicant) {
        List<CheckResult> results = new ArrayList<>();
        for (Check check : checks) {
            try {
                List<CheckResult> found = check.run(applicant);
                results.addAll(found.isEmpty() ? List.of(CheckResult.clear(check.name())) : found);
            } catch (RuntimeException e) {
                log.warn("check {} could not run: {}", check.name(), e.getClass().getSimpleName());
                results.add(CheckResult.notRun(check.name(), "The " + check.name() + " check could not run."));
            }
        }
        return Decision.decide(results);
    }
}
