package org.openkyc.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkyc.verification.Applicants.applicant;
import static org.openkyc.verification.Applicants.physical;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SPEC §8: the real checks run together, every result recorded, and the decision taken on them all. */
class VerificationPipelineTest {

    private static final List<String> CHECKS = List.of("identity_data_completeness", "age", "ssn", "address", "ip");

    private static List<Check> realChecks() {
        return List.of(new IdentityChecks.Completeness(), new IdentityChecks.Age(), new IdentityChecks.Ssn(), new IdentityChecks.Address(), new IpCheck());
    }

    private static Arguments row(String what, UnaryOperator<Applicants> change, Verdict.Kind kind, String... reasons) {
        return Arguments.of(what, change, kind, List.of(reasons));
    }

    static Stream<Arguments> applicants() {
        return Stream.of(
                row("nothing against", a -> a, Verdict.Kind.PASSED),
                row("a public IP", a -> a.ip("8.8.8.8").requireIp(true), Verdict.Kind.PASSED),
                row("underage, with a PO box", a -> a.dob(LocalDate.of(2010, 1, 1)).addresses(List.of(physical("PO Box 1", null, "US"))),
                        Verdict.Kind.FAILED, "underage", "po_box_physical"),
                row("living where the program does not serve", a -> a.addresses(List.of(physical("1 King St W", null, "CA"))),
                        Verdict.Kind.FAILED, "country_not_allowed"),
                row("the advertised SSN", a -> a.ssn("078-05-1120"), Verdict.Kind.DOCUMENT_REQUIRED, "ssn_invalid"),
                row("no SSN and a private IP", a -> a.ssn(null).ip("192.168.1.10"), Verdict.Kind.DOCUMENT_REQUIRED, "missing_ssn", "ip_private"),
                row("an SSN issued after the applicant was 30", a -> a.ssn("773-12-3456").dob(LocalDate.of(1950, 1, 1)),
                        Verdict.Kind.UNDER_REVIEW, "ssn_dob_mismatch"),
                row("aged 130", a -> a.dob(LocalDate.of(1896, 1, 1)), Verdict.Kind.UNDER_REVIEW, "dob_implausible"));
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("applicants")
    void decidesOnEveryCheck(String what, UnaryOperator<Applicants> change, Verdict.Kind kind, List<String> reasons) {
        Verdict verdict = new VerificationPipeline(realChecks()).evaluate(change.apply(applicant()).build());
        assertThat(verdict.kind()).isEqualTo(kind);
        assertThat(verdict.reasons()).extracting(Reason::code).isEqualTo(reasons);
        assertThat(verdict.results()).extracting(CheckResult::check).as("a result from every check").containsAll(CHECKS);
        assertThat(verdict.results()).filteredOn(r -> r.outcome() == CheckResult.Outcome.CLEAR).extracting(CheckResult::check)
                .as("the checks that found nothing are recorded clear")
                .containsExactlyInAnyOrderElementsOf(CHECKS.stream().filter(c -> verdict.results().stream()
                        .noneMatch(r -> r.check().equals(c) && r.outcome() == CheckResult.Outcome.HIT)).toList());
    }

    /** A check that throws has not run: whatever the others found, the attempt is retried, never passed. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("applicants")
    void aCheckThatThrowsIsNotRun(String what, UnaryOperator<Applicants> change, Verdict.Kind kind, List<String> reasons) {
        List<Check> checks = new ArrayList<>(realChecks());
        checks.add(new Check() {
            @Override
            public String name() {
                return "watchlist";
            }

            @Override
            public List<CheckResult> run(Applicant applicant) {
                throw new IllegalStateException("list not loaded");
            }
        });
        Verdict verdict = new VerificationPipeline(checks).evaluate(change.apply(applicant()).build());
        assertThat(verdict.kind()).isEqualTo(kind == Verdict.Kind.FAILED ? Verdict.Kind.FAILED : Verdict.Kind.RETRY);
        assertThat(verdict.results()).filteredOn(r -> r.check().equals("watchlist")).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(CheckResult.Outcome.NOT_RUN));
    }
}
