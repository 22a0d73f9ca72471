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
        return reviewCase(kind, reasons, status, firstApprover, "");
    }

    private static ReviewCase reviewCase(String kind, String reasons, String status, String firstApprover, String assignee) {
        ReviewCase.Approval first = firstApprover.isEmpty() ? null
                : new ReviewCase.Approval(who(firstApprover).reviewerId(), firstApprover, "watchlist_false_positive", "not them", Instant.EPOCH);
        ReviewCase.Outcome outcome = status.equals("closed")
                ? new ReviewCase.Outcome("approve", "identity_verified", null, BOB, "bob", Instant.EPOCH) : null;
        return new ReviewCase(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), ReviewCase.Kind.fromWire(kind), UUID.randomUUID(), null,
                Arrays.stream(reasons.split(" ")).filter(s -> !s.isEmpty()).toList(), List.of(), ReviewCase.Status.fromWire(status),
                assignee.isEmpty() ? null : who(assignee).reviewerId(), assignee.isEmpty() ? null : who(assignee).username(),
                assignee.isEmpty() ? null : Instant.EPOCH, first, outcome, 3, Instant.EPOCH, Instant.EPOCH);
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

    /**
     * Claims: a case someone else holds is theirs to decide; a supervisor may decide over the claim
     * ({@code override} y: the desk records whose claim). The first approver's claim does not hold a
     * case waiting for its second approval, so the claim rule never blocks four eyes.
     */
    @ParameterizedTest(name = "{0} {1} case ({2}, first approval {3}, claimed by {4}): {5} {6} -> {8} (override {9})")
    @CsvSource(delimiter = '|', textBlock = """
            # kind     | reasons                   | status           | first | claim | who  | action            | reason                   | expected                   | override
            kyc        | sandbox_review            | open             |       |       | bob  | approve           | identity_verified        | FINAL                      | n
            kyc        | sandbox_review            | open             |       | ann   | ann  | approve           | identity_verified        | FINAL                      | n
            kyc        | sandbox_review            | open             |       | ann   | bob  | approve           | identity_verified        | case_claimed_by_other      | y
            kyc        | sandbox_review            | open             |       | ann   | bob  | reject            | fraud_suspected          | case_claimed_by_other      | y
            kyc        | sandbox_review            | open             |       | ann   | bob  | request_documents | documents_needed         | case_claimed_by_other      | y
            kyc        | sandbox_review            | open             |       | ann   | sue  | approve           | identity_verified        | FINAL                      | y
            kyc        | sandbox_review            | open             |       | sue   | tom  | reject            | fraud_suspected          | FINAL                      | y
            kyc        | sandbox_review            | open             |       | sue   | ann  | reject            | fraud_suspected          | case_claimed_by_other      | y
            kyc        | sandbox_review            | closed           |       | ann   | bob  | approve           | identity_verified        | case_closed                | y
            kyc        | watchlist_potential_match | open             |       | ann   | ann  | approve           | watchlist_false_positive | FIRST_APPROVAL             | n
            kyc        | watchlist_potential_match | open             |       | ann   | bob  | approve           | watchlist_false_positive | case_claimed_by_other      | y
            kyc        | watchlist_potential_match | open             |       | ann   | sue  | approve           | watchlist_false_positive | FIRST_APPROVAL             | y
            kyc        | watchlist_potential_match | pending_approval | ann   | ann   | sue  | approve           | watchlist_false_positive | FINAL                      | n
            kyc        | watchlist_potential_match | pending_approval | ann   | ann   | bob  | approve           | watchlist_false_positive | review_supervisor_required | n
            kyc        | watchlist_potential_match | pending_approval | ann   | ann   | ann  | approve           | watchlist_false_positive | review_supervisor_required | n
            kyc        | watchlist_potential_match | pending_approval | ann   | tom   | sue  | approve           | watchlist_false_positive | FINAL                      | y
            kyc        | watchlist_potential_match | pending_approval | ann   | tom   | tom  | reject            | watchlist_confirmed      | FINAL                      | n
            kyc        | watchlist_potential_match | pending_approval | ann   | bob   | bob  | approve           | watchlist_false_positive | review_supervisor_required | n
            kyc        | watchlist_potential_match | pending_approval | sue   | tom   | sue  | approve           | watchlist_false_positive | review_four_eyes           | y
            kyc        | watchlist_potential_match | pending_approval | sue   | sue   | sue  | approve           | watchlist_false_positive | review_four_eyes           | n
            kyc        | watchlist_potential_match | pending_approval | sue   | sue   | tom  | approve           | watchlist_false_positive | FINAL                      | n
            monitoring | watchlist_match           | open             |       | ann   | bob  | confirmed_match   | watchlist_confirmed      | case_claimed_by_other      | y
            monitoring | watchlist_match           | open             |       | ann   | sue  | confirmed_match   | watchlist_confirmed      | FINAL                      | y
            monitoring | watchlist_match           | open             |       | ann   | ann  | false_positive    | watchlist_false_positive | FIRST_APPROVAL             | n
            monitoring | watchlist_match           | pending_approval | ann   | ann   | tom  | false_positive    | watchlist_false_positive | FINAL                      | n
            """)
    void claims(String kind, String reasons, String status, String first, String claim, String who, String action, String reason,
                String expected, String override) {
        ReviewCase c = reviewCase(kind, reasons, status, first == null ? "" : first, claim == null ? "" : claim);
        Decision.Action parsed = Decision.Action.fromWire(action).orElseThrow();
        Decision d = new Decision(parsed, reason, "checked by hand",
                parsed == Decision.Action.REQUEST_DOCUMENTS ? List.of("government_id") : List.of());
        DecisionRules.Ruling ruling = DecisionRules.rule(c, who(who), d);
        assertThat(ruling.refused() ? ruling.code() : ruling.effect().name()).as(String.valueOf(ruling.message())).isEqualTo(expected);
        assertThat(DecisionRules.claimedByOther(c, who(who))).isEqualTo(override.equals("y"));
        if ("case_claimed_by_other".equals(expected)) {
            assertThat(ruling.status().value()).isEqualTo(409);
            assertThat(ruling.message()).contains(claim).contains("supervisor");
        }
    }

    @Test
    void aCaseClaimedByAnotherOffersNoDecisionToAReviewerButDoesToASupervisor() {
        ReviewCase annsCase = reviewCase("kyc", "sandbox_review", "open", "", "ann");
        assertThat(DecisionRules.available(annsCase, who("ann"))).containsExactly(Decision.Action.APPROVE, Decision.Action.REJECT,
                Decision.Action.REQUEST_DOCUMENTS);
        assertThat(DecisionRules.available(annsCase, who("bob"))).isEmpty();
        assertThat(DecisionRules.available(annsCase, who("sue"))).containsExactly(Decision.Action.APPROVE, Decision.Action.REJECT,
                Decision.Action.REQUEST_DOCUMENTS);
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

    /** Every reason code the desk accepts is in the reason catalogue (verification/reasons.tsv), as a reviewer's, with its sentence. */
    @Test
    void everyReasonCodeTheDeskAcceptsIsCatalogued() {
        int codes = 0;
        for (Decision.Action action : Decision.Action.values()) {
            assertThat(action.reasonCodes()).as(action.wire()).isNotEmpty();
            for (String code : action.reasonCodes()) {
                org.openkyc.verification.Reason catalogued = org.openkyc.verification.Reason.of(code);
                assertThat(catalogued.check()).as(code).isEqualTo("review");
                assertThat(action.reasons().get(code)).as(code).isEqualTo(catalogued.message()).isNotBlank();
                codes++;
            }
        }
        assertThat(codes).isEqualTo(13);
        // And a decision with a code outside the action's list is refused, not passed through.
        ReviewCase c = reviewCase("kyc", "sandbox_review", "open", "");
        assertThat(DecisionRules.rule(c, who("ann"), Decision.of(Decision.Action.APPROVE, "sandbox_review", null)).code())
                .isEqualTo("review_decision_invalid");
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
