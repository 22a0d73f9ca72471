package org.openkyc.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openkyc.kyc.AttemptRecords;
import org.openkyc.kyc.AttemptRecords.CheckRecord;

/** What the case page reads out of stored check evidence, including evidence erased or written by an older check. */
class EvidenceTest {

    private static CheckRecord result(String check, Map<String, Object> evidence) {
        return new CheckRecord(check, "hit", null, evidence, Instant.EPOCH);
    }

    @Test
    void watchlistCandidatesAreReadBestFirstAsStored() {
        Map<String, Object> candidate = Map.of("list", "SDN", "entry_id", "SDN-2676", "primary_name", "AL-ZAWAHIRI, Ayman",
                "matched_name", "AL ZAWAHIRI, Aiman", "matched_as", "alias", "score", 0.931, "type", "individual",
                "programs", List.of("SDGT"), "dates_of_birth", List.of("19 Jun 1951"), "reason", "name close");
        List<CaseDetail.Candidate> found = Evidence.candidates(List.of(
                result("watchlist", Map.of("candidates", List.of(candidate, Map.of("entry_id", "SDN-1"))))));
        assertThat(found).hasSize(2);
        CaseDetail.Candidate best = found.getFirst();
        assertThat(best.entryId()).isEqualTo("SDN-2676");
        assertThat(best.score()).isEqualTo(0.931);
        assertThat(best.programs()).containsExactly("SDGT");
        assertThat(best.nationalities()).as("a field the check did not write").isEmpty();
        assertThat(found.get(1).score()).isZero();
    }

    @Test
    void theCandidatesClearedAreTheLatestResultsWithTheirListsVersion() {
        Map<String, Object> candidate = Map.of("list", "SDN", "entry_id", "SDN-2676", "primary_name", "AL-ZAWAHIRI, Ayman",
                "matched_name", "AL ZAWAHIRI, Aiman", "matched_as", "alias", "score", 0.931, "type", "individual",
                "programs", List.of("SDGT"), "reason", "name close");
        String version = UUID.randomUUID().toString();
        List<org.openkyc.screening.WatchlistHits.Cleared> cleared = Evidence.cleared(List.of(
                result("watchlist", Map.of("candidates", List.of(Map.of("list", "SDN", "entry_id", "SDN-1")))),
                result("watchlist", Map.of("candidates", List.of(candidate, Map.of("list", "SDN")), "list_versions", Map.of("SDN", version)))));
        assertThat(cleared).as("the latest result's candidates, without one that names no entry").singleElement().satisfies(c -> {
            assertThat(c.entryId()).isEqualTo("SDN-2676");
            assertThat(c.listVersion()).isEqualTo(version);
            assertThat(c.matchedAs()).isEqualTo("alias");
            assertThat(c.score()).isEqualTo(0.931);
            assertThat(c.programs()).containsExactly("SDGT");
            assertThat(c.datesOfBirth()).isEmpty();
        });
        assertThat(Evidence.cleared(List.of(result("watchlist", null)))).isEmpty();
    }

    @Test
    void theOtherCustomersOfASharedSsnAreTheirIdsOnly() {
        UUID other = UUID.randomUUID();
        assertThat(Evidence.duplicateCustomerIds(List.of(result("duplicate_identity", Map.of("other_customer_ids", List.of(other.toString(), "x"))))))
                .containsExactly(other);
    }

    @Test
    void theLatestLicenceComparisonIsFoundByItsFieldsWithItsMismatchesApart() {
        CaseDetail.Licence licence = Evidence.licence(List.of(
                result("licence", Map.of("aamva_version", 8, "licence_state", "TX", "mismatches", List.of("old"), "notes", List.of())),
                result("licence", Map.of("aamva_version", 9, "licence_state", "CA", "mismatches", List.of("dob"), "notes",
                        List.of("licence_state_differs")))));
        assertThat(licence.fields()).containsEntry("licence_state", "CA").doesNotContainKeys("mismatches", "notes");
        assertThat(licence.mismatches()).containsExactly("dob");
        assertThat(licence.notes()).containsExactly("licence_state_differs");
    }

    @Test
    void erasedOrAbsentEvidenceReadsAsNothing() {
        List<CheckRecord> erased = List.of(result("watchlist", null), result("duplicate_identity", null), result("licence", null));
        assertThat(Evidence.candidates(erased)).isEmpty();
        assertThat(Evidence.duplicateCustomerIds(erased)).isEmpty();
        assertThat(Evidence.licence(erased)).isNull();
        assertThat(Evidence.candidates(List.of())).isEmpty();
    }

    /** Entry DOBs as OFAC writes them (several separated by "|") against the customer's ISO date. */
    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
            "12 Jan 1955; 1955-01-12; AGREES",
            "12 Jan 1955; 1955-01-13; DIFFERS",
            "12 Jan 1955; 1956-01-12; DIFFERS",
            "Jan 1955; 1955-01-31; AGREES",
            "Jan 1955; 1955-02-01; DIFFERS",
            "1955; 1955-07-04; AGREES",
            "1955; 1954-12-31; DIFFERS",
            "circa 1960; 1961-03-03; AGREES",
            "circa 1960; 1963-01-01; DIFFERS",
            "1955 to 1960; 1958-06-30; AGREES",
            "1955 to 1960; 1960-12-31; AGREES",
            "1955 to 1960; 1961-01-01; DIFFERS",
            "1955-01-12; 1955-01-12; AGREES",
            "1951|19 Jun 1951; 1951-06-19; AGREES",
            "10 Mar 1970|1955; 1955-02-02; AGREES",
            "10 Mar 1970|11 Mar 1971; 1955-02-02; DIFFERS",
            "unknown; 1955-02-02; UNKNOWN",
            "unknown|1970; 1955-02-02; DIFFERS",
            "1955; -; UNKNOWN",
            "-; 1955-02-02; UNKNOWN"})
    void watchlistDatesOfBirthAreComparedAsDatesNotText(String entryDobs, String customerDob, Evidence.DobAgreement expected) {
        List<String> dobs = entryDobs == null ? List.of() : Arrays.asList(entryDobs.split("\\|"));
        assertThat(Evidence.dobAgreement(dobs, customerDob == null ? null : LocalDate.parse(customerDob))).isEqualTo(expected);
    }

    @Test
    void theSealedLicenceFieldsAreOpenedThroughKycAndNeverShownAsAField() {
        AttemptRecords.DecodedLicence decoded = new AttemptRecords.DecodedLicence("DOE", "JOAN", null, LocalDate.of(1990, 4, 13), null,
                LocalDate.of(2099, 4, 12), "100 CONGRESS AVE", "AUSTIN", "TX", "78701", "USA", "2");
        List<String> opened = new java.util.ArrayList<>();
        CaseDetail.Licence licence = Evidence.licence(List.of(result("document", Map.of("aamva_version", 8, "licence_state", "TX",
                "mismatches", List.of("given_name", "dob"), "notes", List.of(), "decoded_fields_sealed", "v1:k:sealed"))), sealed -> {
                    opened.add(sealed);
                    return Optional.of(decoded);
                });
        assertThat(opened).containsExactly("v1:k:sealed");
        assertThat(licence.fields()).doesNotContainKey("decoded_fields_sealed");
        assertThat(licence.decoded()).isSameAs(decoded);
        assertThat(decoded.toString()).doesNotContain("JOAN").doesNotContain("1990");
        assertThat(Evidence.licence(List.of(result("document", Map.of("aamva_version", 8, "mismatches", List.of(), "notes", List.of()))),
                sealed -> { throw new AssertionError("nothing sealed to open"); }).decoded()).isNull();
    }
}
