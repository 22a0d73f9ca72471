package org.openkyc.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decision rules as a table: case, who, decision, and what happens (or the refusal's code). */
class DecisionRulesTest {

    private static final UUID ANN = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();
    private static final UUID SUE = UUID.randomUUID();
    private static final UUID TOM = UUID.randomUUID();

    /** ann and bob review; sue and tom supervise; "ann*" is ann with the supervisor role. */
    private static Reviewer who(String name) {
        return switch (name) {
            case "ann" -> new Reviewer(ANN, "ann", false, null);
            case "ann*" -> new Reviewer(ANN, "ann", true, null);
            case "bob" -> new Reviewer(BOB, "bob", false, null);
            case "sue" -> new Reviewer(SUE, "sue", true, null);
            case "tom" -> new Reviewer(TOM, "tom", true, null);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static ReviewCase reviewCase(String kind, String reasons, String status, String firstApprover) {
        ReviewCase.Approval first = firstApprover.isEmpty() ? null
                : new ReviewCase.Approval(who(firstApprover).reviewerId(), firstApprover, "watchlist_false_positive", "not them", Instant.EPOCH);
        ReviewCase.Outcome outcome = status.equals("closed")
                ? new ReviewCase.Outcome("approve", "identity_verified", null, BOB, "bob", Instant.EPOCH) : null;
        return new ReviewCase(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), ReviewCase.Kind.fromWire(kind), UUID.randomUUID(), null,
                Arrays.stream(reasons.split(" ")).filter(s -> !s.isEmpty()).toList(), List.of(), ReviewCase.Status.fromWire(status),
                null, null, null, first, outcome, 3, Instant.EPOCH, Instant.EPOCH);
    }

    @ParameterizedTest(name = "{0} {1} case ({2}, first approval {3}): {4} {5} {6} note={7} docs={8} -> {9}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # kind     | reasons                   | status           | first | who  | action            | reason                   | note | docs                            | expected
            kyc        | sandbox_review            | open             |       | ann  | approve           | identity_verified        | n    |                                 | FINAL
            kyc        | ssn_dob_mismatch          | open             |       | ann  | reject            | identity_not_verified    | y    |                                 | FINAL
            kyc        | ssn_dob_mismatch          | open             |       | ann  | reject            | identity_not_verified    | n    |                                 | review_note_required
            kyc        | ssn_shared                | open             |       | ann  | approve           | ssn_shared_explained     | n    |                                 | review_note_required
            kyc        | ssn_shared                | open             |       | ann  | approve           | ssn_shared_explained     | y    |                                 | FINAL
            kyc        | watchlist_potential_match | open             |       | ann  | approve           | watchlist_false_positive | n    |                                 | review_note_required
            kyc        | watchlist_potential_match | open             |       | ann  | approve           | watchlist_false_positive | y    |                                 | FIRST_APPROVAL
            kyc        | watchlist_potential_match | open             |       | sue  | approve           | watchlist_false_positive | y    |                                 | FIRST_APPROVAL
            kyc        | watchlist_potential_match | open             |       | ann  | reject            | watchlist_confirmed      | y    |                                 | FINAL
            kyc        | watchlist_potential_match | open             |       | ann  | request_documents | documents_needed         | n    | government_id                   | FINAL
            kyc        | watchlist_potential_match | pending_approval | ann   | sue  | approve           | watchlist_false_positive | y    |                                 | FINAL
            kyc        | watchlist_potential_match | pending_approval | ann   | bob  | approve           | watchlist_false_positive | y    |                                 | review_supervisor_required
            kyc        | watchlist_potential_match | pending_approval | ann   | ann  | approve           | watchlist_false_positive | y    |                                 | review_supervisor_required
            kyc        | watchlist_potential_match | pending_approval | ann*  | ann* | approve           | watchlist_false_positive | y    |                                 | review_four_eyes
            kyc        | watchlist_potential_match | pending_approval | sue   | sue  | approve           | watchlist_false_positive | y    |                                 | review_four_eyes
            kyc        | watchlist_potential_match | pending_approval | sue   | tom  | approve           | watchlist_false_positive | y    |                                 | FINAL
            kyc        | watchlist_potential_match | pending_approval | sue   | tom  | reject            | watchlist_confirmed      | y    |                                 | FINAL
            kyc        | watchlist_potential_match | pending_approval | sue   | bob  | reject            | watchlist_confirmed      | y    |                                 | review_supervisor_required
            kyc        | sandbox_review            | open             |       | ann  | request_documents | documents_needed         | n    | government_id proof_of_address  | FINAL
            kyc        | sandbox_review            | open             |       | ann  | request_documents | documents_needed         | n    |                                 | review_decision_invalid
            kyc        | sandbox_review            | open             |       | ann  | request_documents | documents_needed         | n    | passport                        | review_decision_invalid
            kyc        | sandbox_review            | open             |       | ann  | request_documents | documents_needed         | n    | government_id government_id     | review_decision_invalid
            kyc        | sandbox_review            | open             |       | ann  | approve           | identity_verified        | n    | government_id                   | review_decision_invalid
            kyc        | sandbox_review            | open             |       | ann  | approve           | fraud_suspected          | y    |                                 | review_decision_invalid
            kyc        | sandbox_review            | open             |       | ann  | approve           | -                        | n    |                                 | review_decision_invalid
            kyc        | sandbox_review            | open             |       | ann  | false_positive    | watchlist_false_positive | y    |                                 | review_decision_invalid
            kyc        | sandbox_review            | closed           |       | ann  | approve           | identity_verified        | n    |                                 | case_closed
            monitoring | watchlist_match           | open             |       | ann  | false_positive    | watchlist_false_positive | y    |                                 | FIRST_APPROVAL
            monitoring | watchlist_match           | open             |       | ann  | false_positive    | watchlist_false_positive | n    |                                 | review_note_required
            monitoring | watchlist_match           | pending_approval | ann   | sue  | false_positive    | watchlist_false_positive | y    |                                 | FINAL
            monitoring | watchlist_match           | open             |       | ann  | confirmed_match   | watchlist_confirmed      | y    |                                 | FINAL
            monitoring | watchlist_match           | open             |       | ann  | confirmed_match   | watchlist_confirmed      | n    |                                 | review_note_required
            monitoring | watchlist_match           | open             |       | ann  | approve           | identity_verified        | y    |                                 | review_decision_invalid
            """)
    void rules(String kind, String reasons, String status, String first, String who, String action, String reason, String note, String docs,
               String expected) {
        ReviewCase c = reviewCase(kind, reasons == null ? "" : reasons, status, first == null ? "" : first);
        List<String> documents = docs == null ? List.of() : Arrays.asList(docs.split(" "));
        Decision d = new Decision(Decision.Action.fromWire(action).orElseThrow(), reason, note.equals("y") ? "checked by hand" : "  ", documents);
        DecisionRules.Ruling ruling = DecisionRules.rule(c, who(who), d);
        String outcome = ruling.refused() ? ruling.code() : ruling.effect().name();
        assertThat(outcome).as(String.valueOf(ruling.message())).isEqualTo(expected);
        if (ruling.refused()) {
            assertThat(ruling.status().is4xxClientError()).isTrue();
            assertThat(ruling.message()).isNotBlank();
        }
    }

    @Test
    void whileAFirstApprovalWaitsOnlyAnotherSupervisorIsOfferedDecisions() {
        ReviewCase pending = reviewCase("kyc", "watchlist_potential_match", "pending_approval", "sue");
        assertThat(DecisionRules.available(pending, who("tom"))).containsExactly(Decision.Action.APPROVE, Decision.Action.REJECT,
                Decision.Action.REQUEST_DOCUMENTS);
        assertThat(DecisionRules.available(pending, who("sue"))).isEmpty();
        assertThat(DecisionRules.available(pending, who("bob"))).isEmpty();
        assertThat(DecisionRules.available(reviewCase("monitoring", "watchlist_match", "open", ""), who("bob")))
                .containsExactly(Decision.Action.FALSE_POSITIVE, Decision.Action.CONFIRMED_MATCH);
        assertThat(DecisionRules.available(reviewCase("kyc", "sandbox_review", "closed", ""), who("sue"))).isEmpty();
    }

    @Test
    void aNoteLongerThanTheLimitIsRefused() {
        ReviewCase c = reviewCase("kyc", "sandbox_review", "open", "");
        Decision tooLong = Decision.of(Decision.Action.REJECT, "fraud_suspected", "x".repeat(DecisionRules.MAX_NOTE + 1));
        assertThat(DecisionRules.rule(c, who("ann"), tooLong).code()).isEqualTo("review_decision_invalid");
        Decision atLimit = Decision.of(Decision.Action.REJECT, "fraud_suspected", "x".repeat(DecisionRules.MAX_NOTE));
        assertThat(DecisionRules.rule(c, who("ann"), atLimit).effect()).isEqualTo(DecisionRules.Ruling.Effect.FINAL);
    }
}
