package org.openkyc.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvRecordsTest {

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("raw download: CRLF and the 0x1A end byte",
                        "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\r\n173,\"ANGLO-CARIBBEAN CO., LTD.\",-0- ,\"CUBA\"\r\n\u001A",
                        List.of(List.of("36", "AEROCARIBBEAN AIRLINES", "null", "CUBA"), List.of("173", "ANGLO-CARIBBEAN CO., LTD.", "null", "CUBA"))),
                Arguments.of("plain LF, no newline at the end",
                        "36,\"A\",-0-\n37,\"B\",individual", List.of(List.of("36", "A", "null"), List.of("37", "B", "individual"))),
                Arguments.of("doubled quotes inside a quoted field",
                        "1,\"THE \"\"BEST\"\" CO\",x\n", List.of(List.of("1", "THE \"BEST\" CO", "x"))),
                Arguments.of("a line break inside a quoted field",
                        "1,\"two\r\nlines\",x\r\n", List.of(List.of("1", "two\r\nlines", "x"))),
                Arguments.of("-0- with and without its trailing space, empty fields",
                        "1,-0- ,-0-,,\"\"\n", List.of(Arrays.asList("1", "null", "null", "null", "null"))),
                Arguments.of("blank lines and a lone 0x1A are no records",
                        "\r\n1,a\r\n\r\n\u001A", List.of(List.of("1", "a"))),
                Arguments.of("CR only (old Mac) line ends", "1,a\r2,b\r", List.of(List.of("1", "a"), List.of("2", "b"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void parses(String label, String text, List<List<String>> expected) {
        List<List<String>> records = CsvRecords.parse(text).stream()
                .map(r -> Arrays.stream(r).map(String::valueOf).toList()).toList();
        assertThat(records).isEqualTo(expected);
    }

    @Test
    void decodesUtf8AndWindows1252Alike() {
        String accented = "1,\"NU\u00D1EZ, Jos\u00E9\"\n";
        assertThat(CsvRecords.decode(accented.getBytes(StandardCharsets.UTF_8))).isEqualTo(accented);
        assertThat(CsvRecords.decode(accented.getBytes(java.nio.charset.Charset.forName("windows-1252")))).isEqualTo(accented);
    }
}
