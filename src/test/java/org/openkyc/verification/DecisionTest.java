package org.openkyc.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SPEC §8.2: check results to a verdict, in the contract's order. */
class DecisionTest {

    /** Results written as codes: "name" a hit, "-" a check that could not run, "+" a clear check. */
    private static List<CheckResult> results(String... codes) {
        List<CheckResult> results = new ArrayList<>();
        for (String code : codes) {
            results.add(switch (code) {
                case "-" -> CheckResult.notRun("watchlist", "The watchlist check could not run.");
                case "+" -> CheckResult.clear("age");
                default -> CheckResult.hit("some_check", code, "found " + code, Map.of());
            });
        }
        return results;
    }

    private static Arguments row(List<String> results, Verdict.Kind kind, List<String> documents, List<String> fields) {
        return Arguments.of(results, kind, documents, fields);
    }

    static Stream<Arguments> table() {
        List<String> none = List.of();
        return Stream.of(
                row(none, Verdict.Kind.PASSED, none, none),
                row(List.of("+", "+"), Verdict.Kind.PASSED, none, none),
                // fail first, whatever else was found or could not run
                row(List.of("underage"), Verdict.Kind.FAILED, none, none),
                row(List.of("country_not_allowed"), Verdict.Kind.FAILED, none, none),
                row(List.of("watchlist_confirmed_match"), Verdict.Kind.FAILED, none, none),
                row(List.of("ssn_invalid", "underage", "watchlist_potential_match"), Verdict.Kind.FAILED, none, none),
                row(List.of("-", "underage"), Verdict.Kind.FAILED, none, none),
                // then: never decided (least of all passed) on checks that did not all run
                row(List.of("-"), Verdict.Kind.RETRY, none, none),
                row(List.of("+", "-"), Verdict.Kind.RETRY, none, none),
                row(List.of("ssn_invalid", "-"), Verdict.Kind.RETRY, none, none),
                row(List.of("watchlist_potential_match", "-"), Verdict.Kind.RETRY, none, none),
                // then mistyped data: the fields to re-enter and the documents that would prove it (a government id always)
                row(List.of("ssn_invalid"), Verdict.Kind.DOCUMENT_REQUIRED, List.of("government_id", "social_security_card"), List.of("ssn")),
                row(List.of("ssn_is_itin"), Verdict.Kind.DOCUMENT_REQUIRED, List.of("government_id", "social_security_card"), List.of("ssn")),
                row(List.of("missing_ssn"), Verdict.Kind.DOCUMENT_REQUIRED, List.of("government_id", "social_security_card"), List.of("ssn")),
                row(List.of("phone_invalid"), Verdict.Kind.DOCUMENT_REQUIRED, List.of("government_id"), List.of("phone")),
                row(List.of("email_disposable"), Verdict.Kind.DOCUMENT_REQUIRED, List.of("government_id"), List.of("email")),
                row(List.of("ip_private"), Verdict.Kind.DOCUMENT_REQUIRED, List.of("government_id"), List.of("ip")),
                row(List.of("missing_ip"), Verdict.Kind.DOCUMENT_REQUIRED, List.of("government_id"), List.of("ip")),
                row(List.of("missing_dob"), Verdict.Kind.DOCUMENT_REQUIRED, List.of("government_id"), List.of("dob")),
                row(List.of("missing_name"), Verdict.Kind.DOCUMENT_REQUIRED, List.of("government_id"), List.of("first_name")),
                row(List.of("zip_state_mismatch"), Verdict.Kind.DOCUMENT_REQUIRED, List.of("government_id", "proof_of_address"), List.of("addresses")),
                row(List.of("po_box_physical"), Verdict.Kind.DOCUMENT_REQUIRED, List.of("government_id", "proof_of_address"), List.of("addresses")),
                row(List.of("missing_address", "po_box_physical"), Verdict.Kind.DOCUMENT_REQUIRED, List.of("government_id", "proof_of_address"),
                        List.of("addresses")),
                row(List.of("po_box_physical", "ssn_invalid"), Verdict.Kind.DOCUMENT_REQUIRED,
                        List.of("government_id", "proof_of_address", "social_security_card"), List.of("addresses", "ssn")),
                row(List.of("ssn_shared", "phone_invalid"), Verdict.Kind.DOCUMENT_REQUIRED, List.of("government_id"), List.of("phone")),
                // then what a person must look at
                row(List.of("watchlist_potential_match"), Verdict.Kind.UNDER_REVIEW, none, none),
                row(List.of("ssn_shared"), Verdict.Kind.UNDER_REVIEW, none, none),
                row(List.of("ssn_dob_mismatch"), Verdict.Kind.UNDER_REVIEW, none, none),
                row(List.of("dob_implausible", "+"), Verdict.Kind.UNDER_REVIEW, none, none),
                // a finding the decision does not know is never passed
                row(List.of("something_new"), Verdict.Kind.UNDER_REVIEW, none, none));
    }

    @ParameterizedTest(name = "{0} -> {1} {2} {3}")
    @MethodSource("table")
    void decides(List<String> codes, Verdict.Kind kind, List<String> documents, List<String> fields) {
        List<CheckResult> results = results(codes.toArray(String[]::new));
        Verdict verdict = Decision.decide(results);
        assertThat(verdict.kind()).isEqualTo(kind);
        assertThat(verdict.documents()).isEqualTo(documents);
        assertThat(verdict.fields()).isEqualTo(fields);
        assertThat(verdict.results()).as("every result recorded").isEqualTo(results);
        List<String> reasons = verdict.reasons().stream().map(Reason::code).toList();
        if (kind == Verdict.Kind.RETRY) {
            assertThat(reasons).containsOnly("check_unavailable");
        } else {
            assertThat(reasons).as("the findings are the reasons").isEqualTo(codes.stream().filter(c -> !c.equals("+") && !c.equals("-")).toList());
        }
        assertThat(verdict.description() != null).as("a description only with fields to re-enter").isEqualTo(!fields.isEmpty());
        if (!fields.isEmpty()) {
            assertThat(verdict.description()).contains(String.join(", ", fields));
        }
    }
}
