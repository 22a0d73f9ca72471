package org.openkyc.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

import org.openkyc.api.Timestamps;

import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail as CSV for examiners (RFC 4180: comma-separated, CRLF, fields quoted when they
 * hold a comma, quote or line break). A field that a spreadsheet would run as a formula (starting
 * with {@code = + - @}, tab or CR) is prefixed with an apostrophe: a note typed by a reviewer must
 * not become a formula on the examiner's machine.
 */
final class AuditCsv {

    static final List<String> HEADER = List.of("seq", "audit_id", "occurred_at", "reviewer_id", "reviewer_name", "client_address", "action",
            "brand_id", "case_id", "customer_id", "detail");

    private final Writer out;
    private final JsonMapper json;

    AuditCsv(Writer out, JsonMapper json) {
        this.out = out;
        this.json = json;
    }

    void header() {
        line(HEADER);
    }

    void row(AuditEntry e) {
        line(List.of(Long.toString(e.seq()), e.auditId().toString(), Timestamps.format(e.occurredAt()), e.reviewerId().toString(),
                e.reviewerName(), text(e.clientAddress()), e.action(), text(e.brandId()), text(e.caseId()), text(e.customerId()),
                json.writeValueAsString(e.detail())));
    }

    private void line(List<String> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(field(fields.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String field(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
