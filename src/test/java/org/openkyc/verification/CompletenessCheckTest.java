package org.openkyc.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkyc.verification.Applicants.address;
import static org.openkyc.verification.Applicants.applicant;
import static org.openkyc.verification.Applicants.codes;
import static org.openkyc.verification.Applicants.physical;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SPEC §8.1 completeness: the CIP fields (full name, DOB, residential street address, SSN/ITIN). */
class CompletenessCheckTest {

    private final IdentityChecks.Completeness check = new IdentityChecks.Completeness();

    static Stream<Arguments> applicants() {
        return Stream.of(
                row("complete", a -> a),
                row("no first name", a -> a.names(null, "Doe"), "missing_name"),
                row("blank first name", a -> a.names("  ", "Doe"), "missing_name"),
                row("no last name", a -> a.names("Jane", null), "missing_name"),
                row("empty last name", a -> a.names("Jane", ""), "missing_name"),
                row("no date of birth", a -> a.dob(null), "missing_dob"),
                row("no SSN", a -> a.ssn(null), "missing_ssn"),
                row("blank SSN", a -> a.ssn(" "), "missing_ssn"),
                row("an ITIN counts", a -> a.ssn("900-70-1234")),
                row("no address", a -> a.addresses(List.of()), "missing_address"),
                row("a mailing address only", a -> a.addresses(List.of(address("MAILING", "1 Main St", null, "US"))), "missing_address"),
                row("a physical address without a street", a -> a.addresses(List.of(physical(" ", null, "US"))), "missing_address"),
                row("a physical address among others", a -> a.addresses(List.of(address("MAILING", "1 Main St", null, "US"), physical("2 Oak St", null, "US")))),
                row("nothing at all", a -> a.names(null, null).dob(null).ssn(null).addresses(List.of()),
                        "missing_name", "missing_dob", "missing_ssn", "missing_address"),
                row("a name, nothing else", a -> a.dob(null).ssn("").addresses(List.of()),
                        "missing_dob", "missing_ssn", "missing_address"));
    }

    private static Arguments row(String what, UnaryOperator<Applicants> change, String... expected) {
        return Arguments.of(what, change, List.of(expected));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("applicants")
    void findsWhatIsMissing(String what, UnaryOperator<Applicants> change, List<String> expected) {
        assertThat(codes(check.run(change.apply(applicant()).build()))).isEqualTo(expected);
    }
}
