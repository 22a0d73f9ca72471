package org.openkyc.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkyc.verification.Applicants.applicant;
import static org.openkyc.verification.Applicants.codes;
import static org.openkyc.verification.Applicants.expected;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §8.1 SSN check: SSA structure rules, ITIN ranges, known invalid numbers, issuance against DOB. */
class SsnCheckTest {

    private final IdentityChecks.Ssn check = new IdentityChecks.Ssn();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "123-45-6780, none",
            "123456780, none",
            // area
            "000-12-3456, ssn_invalid",
            "001-12-3456, none",
            "666-12-3456, ssn_invalid",
            "665-12-3456, none",
            "667-12-3456, none",
            "899-12-3456, none",
            // group and serial
            "123-00-4567, ssn_invalid",
            "123-01-4567, none",
            "123-99-4567, none",
            "123-45-0000, ssn_invalid",
            "123450000, ssn_invalid",
            "123-45-0001, none",
            // 9xx: ITIN when the group is 50-65, 70-88, 90-92 or 94-99, never an SSN otherwise
            "900-12-3456, ssn_invalid",
            "900-00-3456, ssn_invalid",
            "900-49-3456, ssn_invalid",
            "900-50-3456, ssn_is_itin",
            "900-65-3456, ssn_is_itin",
            "900-66-3456, ssn_invalid",
            "900-69-3456, ssn_invalid",
            "900-70-3456, ssn_is_itin",
            "999-88-3456, ssn_is_itin",
            "999-89-3456, ssn_invalid",
            "999-90-3456, ssn_is_itin",
            "999-92-3456, ssn_is_itin",
            "999-93-3456, ssn_invalid",
            "999-94-3456, ssn_is_itin",
            "999-99-9999, ssn_is_itin",
            // publicly known invalid numbers
            "078-05-1120, ssn_invalid",
            "078051120, ssn_invalid",
            "219-09-9999, ssn_invalid",
            "123-45-6789, ssn_invalid",
            "457-55-5462, ssn_invalid",
            "078-05-1121, none",
    })
    void structure(String ssn, String expected) {
        assertThat(codes(check.run(applicant().ssn(ssn).build()))).isEqualTo(expected(expected));
    }

    /** Areas 773 and above were first issued after the June 2011 randomization: not to someone born 30 years before it. */
    @ParameterizedTest(name = "{0} born {1} -> {2}")
    @CsvSource(nullValues = "none", value = {
            "773-12-3456, 1981-06-24, ssn_dob_mismatch",
            "773-12-3456, 1981-06-25, none",
            "899-12-3456, 1950-01-01, ssn_dob_mismatch",
            "772-12-3456, 1950-01-01, none",
            "123-45-6780, 1930-01-01, none",
            "773-12-3456, none, none",
            "773-00-3456, 1950-01-01, ssn_invalid",
    })
    void issuanceAgainstDateOfBirth(String ssn, LocalDate dob, String expected) {
        assertThat(codes(check.run(applicant().ssn(ssn).dob(dob).build()))).isEqualTo(expected(expected));
    }

    /** A missing number is the completeness check's finding, not this one's. */
    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {"none", "''", "'   '"})
    void nothingToCheck(String ssn) {
        assertThat(check.run(applicant().ssn(ssn).build())).isEmpty();
    }
}
