package org.openkyc.verification;

import java.util.List;

/** One verification check (SPEC §8.1): its own unit, easy to test alone and to add to the pipeline. */
interface Check {

    String name();

    /** The findings; an empty list means nothing against the applicant. */
    List<CheckResult> run(Applicant applicant);

    /**
     * This check for a round of applicants evaluated together: a check that looks something up
     * for each applicant looks it up for all of them here, at once (one query, not one each), and
     * returns a check that runs on what it found. The default is the check itself.
     */
    default Check forRound(List<Applicant> applicants) {
        return this;
    }
}
