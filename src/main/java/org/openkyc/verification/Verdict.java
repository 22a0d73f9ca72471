package org.openkyc.verification;

import java.util.List;

/**
 * The outcome of an evaluation: the state to move to, with the reasons, the documents that would
 * prove the doubtful data, and the fields to re-enter.
 */
public record Verdict(Kind kind, List<Reason> reasons, List<String> documents, List<String> fields, String description,
                      List<CheckResult> results) {

    public enum Kind { PASSED, FAILED, DOCUMENT_REQUIRED, UNDER_REVIEW, EXPIRED, RETRY }

    public static Verdict of(Kind kind, List<Reason> reasons, List<String> documents) {
        return new Verdict(kind, reasons, documents, List.of(), null, List.of());
    }
}
