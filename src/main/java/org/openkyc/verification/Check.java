package org.openkyc.verification;

/** One verification check (SPEC §8.1): its own unit, easy to test alone and to add to the pipeline. */
interface Check {

    String name();

    /** The findings; an empty list means nothing against the applicant. */
    java.util.List<CheckResult> run(Applicant applicant);
}
