package org.openkyc.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Matcher tables against the shipped lists, at the default threshold. */
class ScreeningIndexTest {

    private static final ScreeningIndex INDEX = TestLists.shipped();

    static Stream<Arguments> hits() {
        return Stream.of(
                Arguments.of("exact, LAST First order", "Hasan Nasrallah", "SDN-2686"),
                Arguments.of("reorder", "NASRALLAH Hasan", "SDN-2686"),
                Arguments.of("case and punctuation", "hasan  nasrallah.", "SDN-2686"),
                Arguments.of("one typo", "Hasan Nasralah", "SDN-2686"),
                Arguments.of("two typos in two names", "Hassan Nasrallh", "SDN-2686"),
                Arguments.of("swapped letters", "Hasan Nasrlalah", "SDN-2686"),
                Arguments.of("transliteration variant", "Hussein Nasrallah", null),
                Arguments.of("transliteration variant of the given name", "Mohamad Abu Tair", "CONS-9640"),
                Arguments.of("variant and an alias", "Usama bin Laden", "SDN-6365"),
                Arguments.of("alias", "Osama bin Ladin", "SDN-6365"),
                Arguments.of("alias with a variant", "Ismael Haniyah", "SDN-23627"),
                Arguments.of("missing middle name", "Aleksandr Radkov", "SDN-10139"),
                Arguments.of("Alexander for Aleksandr", "Alexander Mikhailovich Radkov", "SDN-10139"),
                Arguments.of("joined tokens", "Abdulrahman Yasin", "SDN-6931"),
                Arguments.of("joined tokens, other spelling", "Abdelrahman Yasin", "SDN-6931"),
                Arguments.of("split tokens", "Ahmed Abdul Rahman Sihab Ahmed Sihab", "SDN-15208"),
                Arguments.of("accents", "Hásan Nasralláh", "SDN-2686"),
                Arguments.of("Cyrillic", "Александр Михайлович Радков", "SDN-10139"),
                Arguments.of("honorific", "Sheikh Hasan Nasrallah", "SDN-2686"),
                Arguments.of("entity with its legal form", "Tropic Tours GmbH", "SDN-2110"),
                Arguments.of("entity without its legal form", "Al Baraka Exchange", "SDN-6953"),
                Arguments.of("entity with another legal form", "Banco Nacional de Cuba S.A.", "SDN-306"),
                Arguments.of("entity alias", "National Bank of Cuba", "SDN-306"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("hits")
    void findsTheListedName(String kind, String name, String uid) {
        List<Match> matches = INDEX.search(ScreeningQuery.of(name));
        if (uid == null) {
            // Hasan and Hussein are different names: a variant table must not make them one.
            assertThat(matches).extracting(m -> m.entry().uid()).doesNotContain("SDN-2686");
            return;
        }
        assertThat(matches).extracting(m -> m.entry().uid()).as(kind).contains(uid);
        Match match = matches.stream().filter(m -> m.entry().uid().equals(uid)).findFirst().orElseThrow();
        assertThat(match.score()).isBetween(ScreeningQuery.DEFAULT_MIN_SCORE, 1.0);
        // Blocking only narrows what is scored: the scan over every name finds the same entry.
        assertThat(INDEX.scanAll(ScreeningQuery.of(name))).extracting(m -> m.entry().uid()).contains(uid);
    }

    static Stream<Arguments> nonHits() {
        return Stream.of("John Smith", "Maria Garcia", "Michael Johnson", "James Williams", "Robert Brown", "Jennifer Davis",
                "Jose Garcia", "Maria Rodriguez", "David Miller", "Linda Martinez", "Mohammed Smith", "Ahmed Johnson",
                "Patricia Hernandez", "William Jones", "Elizabeth Wilson", "Juan Lopez", "Carlos Gonzalez", "Ana Perez",
                "Sarah Ali", "Hasan Smith").map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonHits")
    void anOrdinaryNameIsNoPotentialMatch(String name) {
        assertThat(INDEX.search(ScreeningQuery.person(name, LocalDate.of(1985, 6, 15)))).isEmpty();
        assertThat(INDEX.search(ScreeningQuery.of(name))).as("without a DOB").isEmpty();
    }

    @Test
    void aMatchExplainsItself() {
        Match match = INDEX.search(ScreeningQuery.person("Muhammad Mahmoud Abou Tayr", LocalDate.of(1951, 3, 1))).getFirst();
        assertThat(match.entry().uid()).isEqualTo("CONS-9640");
        assertThat(match.list()).isEqualTo("CONS");
        assertThat(match.entry().name()).isEqualTo("ABU TEIR, Mohammed");
        assertThat(match.entry().programs()).containsExactly("NS-PLC");
        assertThat(match.matchedName()).isEqualTo("ABOU TAYR, Mohammad Mahmoud");
        assertThat(match.matchedAs()).isEqualTo("aka");
        assertThat(match.dob()).isEqualTo(DateOfBirth.Agreement.YEAR);
        assertThat(match.reason()).isEqualTo("matched alias (aka); given name transliteration variant (MUHAMMAD / MOHAMMAD); "
                + "middle name exact; middle name exact; family name exact; DOB year matches");
    }

    @Test
    void aTypoIsExplainedWithItsSimilarity() {
        Match match = INDEX.search(ScreeningQuery.of("Hasan Nasralah")).getFirst();
        assertThat(match.entry().uid()).isEqualTo("SDN-2686");
        assertThat(match.matchedAs()).isEqualTo("primary");
        assertThat(match.reason()).isEqualTo("given name exact; family name close spelling (NASRALAH / NASRALLAH, 0.98); no DOB in the query");
    }

    @Test
    void theDateOfBirthMovesTheScore() {
        double none = score("Hasan Nasrallah", null);
        double agrees = score("Hasan Nasrallah", LocalDate.of(1960, 8, 31));
        double contradicts = score("Hasan Nasrallah", LocalDate.of(1990, 1, 1));
        assertThat(agrees).isGreaterThan(none - 0.001).isEqualTo(1.0);
        assertThat(contradicts).isLessThan(none);
        assertThat(score("Hasan Nasrallh", LocalDate.of(1990, 1, 1))).as("a typo and a contradicting DOB").isLessThan(ScreeningQuery.DEFAULT_MIN_SCORE);
    }

    private static double score(String name, LocalDate dob) {
        return INDEX.search(new ScreeningQuery(name, dob, EntryType.INDIVIDUAL, 10, 0.5)).stream()
                .filter(m -> m.entry().uid().equals("SDN-2686")).findFirst().orElseThrow().score();
    }

    @Test
    void aPersonIsNeverMatchedWithAVesselAnEntityOrAnAircraft() {
        assertThat(INDEX.search(ScreeningQuery.of("Tropic Tours"))).extracting(m -> m.entry().uid()).contains("SDN-2110");
        assertThat(INDEX.search(ScreeningQuery.person("Tropic Tours", null))).isEmpty();
        assertThat(INDEX.search(new ScreeningQuery("Hasan Nasrallah", null, EntryType.ENTITY, 10, 0.9))).isEmpty();
        for (Match match : INDEX.search(new ScreeningQuery("Mohammed Ali", null, EntryType.INDIVIDUAL, 100, 0.5))) {
            assertThat(match.entry().type()).isEqualTo(EntryType.INDIVIDUAL);
        }
    }

    @Test
    void resultsAreOneAnEntryBestFirstAndLimited() {
        List<Match> matches = INDEX.search(new ScreeningQuery("Mohammed Ali", null, null, 5, 0.5));
        assertThat(matches).hasSize(5);
        assertThat(matches).extracting(m -> m.entry().uid()).doesNotHaveDuplicates();
        assertThat(matches).extracting(Match::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(INDEX.search(ScreeningQuery.of("   "))).isEmpty();
        assertThat(INDEX.search(ScreeningQuery.of("..."))).isEmpty();
    }
}
