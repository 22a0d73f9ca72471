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
        return round(List.of(applicant)).evaluate(applicant);
    }

    /**
     * The checks for a round of applicants the evaluator decides together: what a check looks up
     * per applicant is looked up for the whole round first ({@link Check#forRound}), so a round
     * costs one query per check, not one per applicant. A check whose look-up fails has not run
     * for anyone in the round.
     */
    public Round round(List<Applicant> applicants) {
        List<Check> bound = new ArrayList<>();
        for (Check check : checks) {
            Check forRound;
            try {
                forRound = applicants.isEmpty() ? check : check.forRound(applicants);
            } catch (RuntimeException e) {
                log.warn("check {} could not run for a round of {}: {}", check.name(), applicants.size(), e.getClass().getSimpleName());
                forRound = new NotRun(check.name(), e);
            }
            bound.add(forRound);
        }
        return new Round(List.copyOf(bound));
    }

    /** The checks bound to one round's look-ups; evaluates each applicant of the round (safe from several threads). */
    public static final class Round {

        private final List<Check> checks;

        private Round(List<Check> checks) {
            this.checks = checks;
        }

        public Verdict evaluate(Applicant applicant) {
            List<CheckResult> results = new ArrayList<>();
            for (Check check : checks) {
                try {
                    List<CheckResult> found = check.run(applicant);
                    results.addAll(found.isEmpty() ? List.of(CheckResult.clear(check.name())) : found);
                } catch (RuntimeException e) {
                    if (!(check instanceof NotRun)) {
                        log.warn("check {} could not run: {}", check.name(), e.getClass().getSimpleName());
                    }
                    results.add(CheckResult.notRun(check.name(), "The " + check.name() + " check could not run."));
                }
            }
            return Decision.decide(results);
        }
    }

    /** A check whose round look-up failed: it throws for every applicant of the round (logged once, for the round). */
    private record NotRun(String name, RuntimeException cause) implements Check {
        @Override
        public List<CheckResult> run(Applicant applicant) {
            throw cause;
        }
    }
}
