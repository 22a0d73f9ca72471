package org.openkyc.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkyc.verification.Applicants.applicant;
import static org.openkyc.verification.Applicants.codes;
import static org.openkyc.verification.Applicants.expected;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §8.1 age check: {@code min_age} ≤ age ≤ 125 on the submission day, in whole years. */
class AgeCheckTest {

    private final IdentityChecks.Age check = new IdentityChecks.Age();

    @ParameterizedTest(name = "born {0}, submitted {1}, min {2} -> {3}")
    @CsvSource(nullValues = "none", value = {
            // the 18th birthday is the first day of age 18
            "2008-06-15, 2026-06-15, 18, none",
            "2008-06-16, 2026-06-15, 18, underage",
            "2008-06-14, 2026-06-15, 18, none",
            "2005-06-15, 2026-06-15, 21, none",
            "2005-06-16, 2026-06-15, 21, underage",
            // born on 29 February: 18 on 1 March of a year without one
            "2008-02-29, 2026-02-28, 18, underage",
            "2008-02-29, 2026-03-01, 18, none",
            "2006-02-28, 2024-02-28, 18, none",
            // a newborn is old enough for a program without a minimum
            "2026-06-14, 2026-06-15, 0, none",
            // 125 until the day before the 126th birthday
            "1901-06-15, 2026-06-15, 18, none",
            "1900-06-16, 2026-06-15, 18, none",
            "1900-06-15, 2026-06-15, 18, dob_implausible",
            "1850-01-01, 2026-06-15, 18, dob_implausible",
            // born after the submission day: no age at all, not a young one (and never passed where there is no minimum)
            "2026-06-16, 2026-06-15, 18, dob_implausible",
            "2026-06-16, 2026-06-15, 0, dob_implausible",
            "2027-01-01, 2026-06-15, 0, dob_implausible",
            "2026-06-15, 2026-06-15, 0, none",
    })
    void ageOnTheSubmissionDay(LocalDate dob, LocalDate submitted, int minAge, String expected) {
        List<CheckResult> results = check.run(applicant().dob(dob).submittedOn(submitted).minAge(minAge).build());
        assertThat(codes(results)).isEqualTo(expected(expected));
    }

    @ParameterizedTest
    @CsvSource({"2008-06-16, 17, 18", "2010-01-01, 16, 18"})
    void underageSaysTheAgeAndTheMinimum(LocalDate dob, int age, int minAge) {
        CheckResult result = check.run(applicant().dob(dob).minAge(minAge).build()).getFirst();
        assertThat(result.evidence()).containsEntry("age", age).containsEntry("min_age", minAge);
    }

    @org.junit.jupiter.api.Test
    void noDateOfBirthIsTheCompletenessChecksFinding() {
        assertThat(check.run(applicant().dob(null).build())).isEmpty();
    }
}
