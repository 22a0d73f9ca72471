package org.openkyc.verification;

import java.util.List;

/** SPEC §5.6: in sandbox mode the SSN scripts the outcome, exactly like Bond's sandbox. */
public final class SandboxOutcomes {

    private SandboxOutcomes() {
    }

    public static Verdict forSsn(String ssn) {
        String digits = ssn == null ? "" : ssn.replace("-", "");
        return switch (digits) {
            case "000000000" -> Verdict.of(Verdict.Kind.UNDER_REVIEW, sandbox("sandbox_review"), List.of());
            case "111111111" -> documents("social_security_card", "government_id");
            case "222222222" -> documents("government_id", "proof_of_address");
            case "333333333" -> documents("government_id");
            case "444444444" -> documents("social_security_card", "government_id", "proof_of_address");
            case "888888888" -> Verdict.of(Verdict.Kind.EXPIRED, sandbox("sandbox_timeout"), List.of());
            case "999999999" -> Verdict.of(Verdict.Kind.FAILED, sandbox("sandbox_failure"), List.of());
            default -> Verdict.of(Verdict.Kind.PASSED, List.of(), List.of());
        };
    }

    private static Verdict documents(String... types) {
        return Verdict.of(Verdict.Kind.DOCUMENT_REQUIRED, sandbox("sandbox_documents"), List.of(types));
    }

    private static List<Reason> sandbox(String code) {
        return List.of(Reason.of(code));
    }
}
