package org.openkyc.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class AuditCsvTest {

    static Stream<Arguments> fields() {
        return Stream.of(
                Arguments.of("plain", "plain"),
                Arguments.of("a,b", "\"a,b\""),
                Arguments.of("say \"hi\"", "\"say \"\"hi\"\"\""),
                Arguments.of("=HYPERLINK(1)", "'=HYPERLINK(1)"),
                Arguments.of("+1", "'+1"),
                Arguments.of("-1", "'-1"),
                Arguments.of("@SUM(A1)", "'@SUM(A1)"),
                Arguments.of("\tx", "'\tx"),
                Arguments.of("=1,2", "\"'=1,2\""));
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @MethodSource("fields")
    void fieldsAreQuotedAndFormulasDisarmed(String value, String expected) {
        assertThat(AuditCsv.field(value)).isEqualTo(expected);
    }

    @Test
    void aLineBreakInANoteStaysInsideItsField() {
        assertThat(AuditCsv.field("line one\nline two")).isEqualTo("\"line one\nline two\"");
        assertThat(AuditCsv.field("")).isEmpty();
    }

    @Test
    void aRowHasEveryColumnOfTheHeaderInOrder() {
        StringWriter out = new StringWriter();
        AuditCsv csv = new AuditCsv(out, JsonMapper.builder().build());
        UUID reviewer = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("action", "reject");
        detail.put("note", "=cmd, really");
        csv.header();
        csv.row(new AuditEntry(7, UUID.randomUUID(), Instant.parse("2026-12-01T12:00:00Z"), reviewer, "ann", "10.0.0.1", "decision",
                null, caseId, null, detail));
        String[] lines = out.toString().split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo(String.join(",", AuditCsv.HEADER));
        assertThat(lines[1]).startsWith("7,").contains("," + reviewer + ",ann,10.0.0.1,decision,," + caseId + ",,")
                .endsWith("\"{\"\"action\"\":\"\"reject\"\",\"\"note\"\":\"\"=cmd, really\"\"}\"");
    }
}
