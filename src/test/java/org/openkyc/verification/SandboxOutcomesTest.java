package org.openkyc.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §5.6: in sandbox mode the SSN scripts the outcome. */
class SandboxOutcomesTest {

    @ParameterizedTest(name = "{0} -> {1} {2} {3}")
    @CsvSource(nullValues = "none", value = {
            "000-00-0000, UNDER_REVIEW, sandbox_review, none",
            "000000000, UNDER_REVIEW, sandbox_review, none",
            "111-11-1111, DOCUMENT_REQUIRED, sandbox_documents, social_security_card;government_id",
            "222-22-2222, DOCUMENT_REQUIRED, sandbox_documents, government_id;proof_of_address",
            "333-33-3333, DOCUMENT_REQUIRED, sandbox_documents, government_id",
            "444444444, DOCUMENT_REQUIRED, sandbox_documents, social_security_card;government_id;proof_of_address",
            "888-88-8888, EXPIRED, sandbox_timeout, none",
            "999-99-9999, FAILED, sandbox_failure, none",
            "999999999, FAILED, sandbox_failure, none",
            // anything else passes
            "123-45-6789, PASSED, none, none",
            "555-55-5555, PASSED, none, none",
            "000-00-0001, PASSED, none, none",
            "999-99-9998, PASSED, none, none",
            "'', PASSED, none, none",
            "none, PASSED, none, none",
    })
    void theSsnScriptsTheOutcome(String ssn, Verdict.Kind kind, String reason, String documents) {
        Verdict verdict = SandboxOutcomes.forSsn(ssn);
        assertThat(verdict.kind()).isEqualTo(kind);
        assertThat(verdict.reasons()).extracting(Reason::code).isEqualTo(Applicants.expected(reason));
        assertThat(verdict.documents()).isEqualTo(documents == null ? List.of() : List.of(documents.split(";")));
    }
}
