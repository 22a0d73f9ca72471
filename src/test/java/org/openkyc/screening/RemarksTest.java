package org.openkyc.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RemarksTest {

    static Stream<Arguments> datesOfBirth() {
        return Stream.of(
                Arguments.of("DOB 12 Jan 1955", "1955-01-12", "1955-01-12", false),
                Arguments.of("DOB Jan 1955", "1955-01-01", "1955-01-31", false),
                Arguments.of("DOB Feb 1956", "1956-02-01", "1956-02-29", false),
                Arguments.of("DOB 1955", "1955-01-01", "1955-12-31", false),
                Arguments.of("DOB circa 1960", "1960-01-01", "1960-12-31", true),
                Arguments.of("DOB 1955 to 1960", "1955-01-01", "1960-12-31", false),
                Arguments.of("DOB 01 Jan 1961 to 31 Dec 1962", "1961-01-01", "1962-12-31", false),
                Arguments.of("DOB Mar 1955 to Mar 1956", "1955-03-01", "1956-03-31", false),
                Arguments.of("DOB 1955.", "1955-01-01", "1955-12-31", false),
                Arguments.of("alt. DOB 31 Aug 1953", "1953-08-31", "1953-08-31", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datesOfBirth")
    void readsADateOfBirth(String remarks, String from, String to, boolean circa) {
        List<DateOfBirth> dobs = Remarks.parse(remarks).datesOfBirth();
        assertThat(dobs).hasSize(1);
        assertThat(dobs.getFirst().from()).isEqualTo(LocalDate.parse(from));
        assertThat(dobs.getFirst().to()).isEqualTo(LocalDate.parse(to));
        assertThat(dobs.getFirst().circa()).isEqualTo(circa);
    }

    @ParameterizedTest
    @MethodSource
    void ignoresWhatIsNoDate(String remarks) {
        assertThat(Remarks.parse(remarks).datesOfBirth()).isEmpty();
    }

    static Stream<String> ignoresWhatIsNoDate() {
        return Stream.of("DOB unknown", "DOB 31 Feb 1955", "DOB 12 Foo 1955", "Passport 1955", "-0-", "");
    }

    @Test
    void readsEveryFactOfARealEntry() {
        Remarks r = Remarks.parse("DOB 31 Aug 1960; alt. DOB 31 Aug 1953; POB Al Basuriyah, Lebanon; nationality Lebanon; "
                + "alt. nationality Syria; citizen Iran; Gender Male; a.k.a. 'AL-JAZIRI, Abu Bakr'; a.k.a. 'ABU-'UMAR'; "
                + "f.k.a. 'SAND SWAN'; n.k.a. 'NEW NAME'; Passport A123 (Lebanon).");
        assertThat(r.datesOfBirth()).extracting(DateOfBirth::text).containsExactly("31 Aug 1960", "31 Aug 1953");
        assertThat(r.placesOfBirth()).containsExactly("Al Basuriyah, Lebanon");
        assertThat(r.nationalities()).containsExactly("Lebanon", "Syria", "Iran");
        assertThat(r.gender()).isEqualTo("male");
        assertThat(r.aliases()).extracting(Alias::type, Alias::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple("aka", "AL-JAZIRI, Abu Bakr"), org.assertj.core.groups.Tuple.tuple("aka", "ABU-'UMAR"),
                org.assertj.core.groups.Tuple.tuple("fka", "SAND SWAN"), org.assertj.core.groups.Tuple.tuple("nka", "NEW NAME"));
        assertThat(r.aliases()).allMatch(Alias::fromRemarks);
    }

    static Stream<Arguments> facts() {
        return Stream.of(
                Arguments.of("POB Baghdad, Iraq.", "pob", "Baghdad, Iraq"),
                Arguments.of("nationality Iraq.", "nationality", "Iraq"),
                Arguments.of("citizen Russia; Gender Female", "nationality", "Russia"),
                Arguments.of("Gender Female.", "gender", "female"),
                Arguments.of("Secretary for Gender and Culture.", "gender", null),
                Arguments.of("a.k.a. 'BNC'.", "aka", "BNC"),
                Arguments.of("Vessel Registration (a.k.a. 'THE CHESS PLAYER') x", "aka", "THE CHESS PLAYER"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("facts")
    void readsAFact(String remarks, String fact, String expected) {
        Remarks r = Remarks.parse(remarks);
        Object value = switch (fact) {
            case "pob" -> r.placesOfBirth().isEmpty() ? null : r.placesOfBirth().getFirst();
            case "nationality" -> r.nationalities().isEmpty() ? null : r.nationalities().getFirst();
            case "gender" -> r.gender();
            default -> r.aliases().isEmpty() ? null : r.aliases().getFirst().name();
        };
        assertThat(value).isEqualTo(expected);
    }

    static Stream<Arguments> agreements() {
        return Stream.of(
                Arguments.of("DOB 12 Jan 1955", "1955-01-12", DateOfBirth.Agreement.DATE),
                Arguments.of("DOB 12 Jan 1955", "1955-03-04", DateOfBirth.Agreement.YEAR_ONLY),
                Arguments.of("DOB 12 Jan 1955", "1956-01-12", DateOfBirth.Agreement.CONTRADICTS),
                Arguments.of("DOB 1955", "1955-07-01", DateOfBirth.Agreement.YEAR),
                Arguments.of("DOB 1955", "1957-07-01", DateOfBirth.Agreement.CONTRADICTS),
                Arguments.of("DOB circa 1960", "1962-12-31", DateOfBirth.Agreement.YEAR),
                Arguments.of("DOB circa 1960", "1963-01-01", DateOfBirth.Agreement.CONTRADICTS),
                Arguments.of("DOB 1955 to 1960", "1958-05-05", DateOfBirth.Agreement.YEAR),
                Arguments.of("DOB Jan 1955", "1955-01-20", DateOfBirth.Agreement.YEAR),
                Arguments.of("DOB Jan 1955", "1955-02-01", DateOfBirth.Agreement.CONTRADICTS));
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @MethodSource("agreements")
    void comparesAnApplicantsDate(String remarks, String applicant, DateOfBirth.Agreement expected) {
        assertThat(Remarks.parse(remarks).datesOfBirth().getFirst().compare(LocalDate.parse(applicant))).isEqualTo(expected);
    }
}
