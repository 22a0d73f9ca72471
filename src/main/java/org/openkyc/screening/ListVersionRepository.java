package org.openkyc.screening;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.openkyc.db.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The list versions (V13): {@code watchlist_version} holds every version recorded, with its files;
 * {@code watchlist_list} points at the version of each list that every instance is to serve.
 */
@Repository
class ListVersionRepository {

    private static final String COLUMNS = "v.version_id, v.list_name, v.source, v.content_hash, v.entry_count, v.name_count, v.loaded_at";

    private final JdbcClient jdbc;

    ListVersionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The version each list is to be served at; a list with none yet is absent. */
    Map<String, UUID> current() {
        return jdbc.sql("SELECT list_name, current_version_id FROM watchlist_list WHERE current_version_id IS NOT NULL")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getObject(2, UUID.class))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** In a transaction: the list's current version, its row locked until the transaction ends. */
    Optional<ListVersion> lockCurrent(String list) {
        Optional<UUID> current = jdbc.sql("SELECT current_version_id FROM watchlist_list WHERE list_name = ? FOR UPDATE").param(list)
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, UUID.class))).optional()
                .orElseThrow(() -> new IllegalStateException("no watchlist_list row for " + list));
        return current.flatMap(this::find);
    }

    Optional<ListVersion> find(UUID versionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM watchlist_version v WHERE v.version_id = ?").param(versionId)
                .query(ListVersionRepository::version).optional();
    }

    /** The version's files as {@link ListContent#compressed()} stored them. */
    Optional<byte[]> content(UUID versionId) {
        return jdbc.sql("SELECT content FROM watchlist_version WHERE version_id = ?").param(versionId).query(byte[].class).optional();
    }

    /** Records a version and makes it the one to serve (in the transaction that locked the list). */
    void insertCurrent(ListVersion version, byte[] compressed) {
        jdbc.sql("INSERT INTO watchlist_version (version_id, list_name, source, content_hash, entry_count, name_count, content, loaded_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(version.id(), version.list(), version.source(), version.contentHash(), version.entries(), version.names(),
                        compressed, DbTime.toDb(version.loadedAt()))
                .update();
        jdbc.sql("UPDATE watchlist_list SET current_version_id = ? WHERE list_name = ?").params(version.id(), version.list()).update();
    }

    private static ListVersion version(ResultSet rs, int row) throws SQLException {
        return new ListVersion(rs.getObject("version_id", UUID.class), rs.getString("list_name"), rs.getString("source"),
                rs.getString("content_hash"), rs.getInt("entry_count"), rs.getInt("name_count"),
                DbTime.fromDb(rs.getObject("loaded_at", OffsetDateTime.class)));
    }
}
