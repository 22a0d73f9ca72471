package org.openkyc.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JaroWinklerTest {

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of("MARTHA", "MARHTA", 0.961), Arguments.of("DWAYNE", "DUANE", 0.84),
                Arguments.of("DIXON", "DICKSONX", 0.813), Arguments.of("SMITH", "SMITH", 1.0),
                Arguments.of("ABC", "XYZ", 0.0), Arguments.of("A", "", 0.0),
                Arguments.of("NASRALLAH", "NASRALAH", 0.978));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("pairs")
    void scoresAsTheTextbookDefinition(String a, String b, double expected) {
        assertThat(JaroWinkler.similarity(a, b)).isCloseTo(expected, within(0.001));
        assertThat(JaroWinkler.similarity(b, a)).isCloseTo(expected, within(0.001));
    }

    @Test
    void longUnitsAreComparedOnTheirFirst64Letters() {
        String pad = "X".repeat(70);
        assertThat(JaroWinkler.similarity(pad + "MARTHA", pad + "MARHTA")).isEqualTo(1.0);
        assertThat(JaroWinkler.similarity("MARTHA" + pad, "MARHTA" + pad)).isBetween(0.9, 1.0);
    }
}
