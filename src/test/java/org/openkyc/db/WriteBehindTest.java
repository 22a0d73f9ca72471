package org.openkyc.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The merge of independent rows into multi-row inserts and of row updates into batches; the database side runs in every PostgreSQL API test. */
class WriteBehindTest {

    private static final String EVENT = "INSERT INTO outbox_event (event_id, payload) VALUES (?, ?)";
    private static final String KEY = "INSERT INTO idempotency_key (k) VALUES (?)";

    @Test
    void rowsOfOneStatementBecomeOneInsertWhereTheFirstWas() {
        List<WriteBehind.Write> merged = WriteBehind.merge(List.of(
                new WriteBehind.Write("UPDATE customer SET x = ?", new Object[] {1}, false),
                new WriteBehind.Write(EVENT, new Object[] {"e1", "p1"}, true),
                new WriteBehind.Write("UPDATE kyc_attempt SET y = ?", new Object[] {2}, false),
                new WriteBehind.Write(EVENT, new Object[] {"e2", "p2"}, true),
                new WriteBehind.Write(KEY, new Object[] {"k"}, true)));

        assertThat(merged).extracting(WriteBehind.Write::sql).containsExactly(
                "UPDATE customer SET x = ?",
                "INSERT INTO outbox_event (event_id, payload) VALUES (?, ?), (?, ?)",
                "UPDATE kyc_attempt SET y = ?",
                KEY);
        assertThat(merged.get(1).params()).containsExactly("e1", "p1", "e2", "p2");
        assertThat(merged.get(3).params()).containsExactly("k");
    }

    private static final String ROW = "UPDATE kyc_attempt SET status = ?, passed_at = ? WHERE kyc_id = ?";
    private static final String BATCH = "UPDATE kyc_attempt AS a ... FROM unnest(?::varchar[], ?::timestamptz[], ?::uuid[]) ...";

    @Test
    void rowUpdatesOfOneStatementBecomeOneBatchOfTextArraysWhereTheFirstWas() {
        java.time.OffsetDateTime at = java.time.OffsetDateTime.parse("2026-11-26T08:00:00.5Z");
        List<WriteBehind.Write> merged = WriteBehind.merge(List.of(
                new WriteBehind.Write(ROW, new Object[] {"passed", at, "id-1"}, false, BATCH),
                new WriteBehind.Write("UPDATE customer SET x = ?", new Object[] {1}, false),
                new WriteBehind.Write(ROW, new Object[] {"failed", null, "id-2"}, false, BATCH)));

        assertThat(merged).extracting(WriteBehind.Write::sql).containsExactly(BATCH, "UPDATE customer SET x = ?");
        assertThat(merged.get(0).params()).containsExactly(new String[] {"passed", "failed"},
                new String[] {"2026-11-26T08:00:00.500Z", null}, new String[] {"id-1", "id-2"});
    }

    @Test
    void rowUpdatesWhoseKeysRepeatGoOneByOneInOrder() {
        List<WriteBehind.Write> rows = List.of(
                new WriteBehind.Write(ROW, new Object[] {"submitted", null, "id-1"}, false, BATCH),
                new WriteBehind.Write(ROW, new Object[] {"passed", null, "id-1"}, false, BATCH));
        assertThat(WriteBehind.merge(rows)).containsExactlyElementsOf(rows);
        List<WriteBehind.Write> single = List.of(rows.get(0));
        assertThat(WriteBehind.merge(single)).containsExactlyElementsOf(single);
    }

    @Test
    void onlySingleRowInsertsCanBeMerged() {
        assertThat(WriteBehind.isSingleRowInsert(EVENT)).isTrue();
        assertThat(WriteBehind.isSingleRowInsert("insert into t (a, b)\n values (?, 'x')")).isTrue();
        assertThat(WriteBehind.isSingleRowInsert("UPDATE t SET a = ?")).isFalse();
        assertThat(WriteBehind.isSingleRowInsert("INSERT INTO t (a) VALUES (?) ON CONFLICT DO NOTHING")).isFalse();
        assertThat(WriteBehind.isSingleRowInsert("INSERT INTO t (a) VALUES (?) RETURNING a")).isFalse();
        assertThat(WriteBehind.isSingleRowInsert("INSERT INTO t (a) VALUES (?), (?)")).isFalse();
        assertThat(WriteBehind.isSingleRowInsert("INSERT INTO t (a) VALUES (lower(?))")).isFalse();
        assertThat(WriteBehind.isSingleRowInsert("INSERT INTO t (a) SELECT a FROM u")).isFalse();
    }
}
