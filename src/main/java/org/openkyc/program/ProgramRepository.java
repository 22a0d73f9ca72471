package org.openkyc.program;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

@Repository
class ProgramRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    /** Parsed policies by their stored JSON: the text is the key, so a changed policy is never served stale. */
    private final java.util.Map<String, KycPolicy> parsedPolicies = new java.util.concurrent.ConcurrentHashMap<>();

    ProgramRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Program program) {
        jdbc.sql("""
                INSERT INTO program (program_id, brand_id, name, kyc_policy, is_default, date_created, date_updated)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(program.programId(), program.brandId(), program.name(), json.writeValueAsString(program.kycPolicy()),
                        program.isDefault(), DbTime.toDb(program.dateCreated()), DbTime.toDb(program.dateUpdated()))
                .update();
    }

    void update(Program program) {
        jdbc.sql("UPDATE program SET name = ?, kyc_policy = ?, date_updated = ? WHERE program_id = ? AND brand_id = ?")
                .params(program.name(), json.writeValueAsString(program.kycPolicy()), DbTime.toDb(program.dateUpdated()),
                        program.programId(), program.brandId())
                .update();
    }

    Optional<Program> find(UUID brandId, UUID programId) {
        return jdbc.sql("SELECT * FROM program WHERE brand_id = ? AND program_id = ?")
                .params(brandId, programId).query(this::map).optional();
    }

    Optional<Program> findDefault(UUID brandId) {
        return jdbc.sql("SELECT * FROM program WHERE brand_id = ? AND is_default = TRUE")
                .param(brandId).query(this::map).optional();
    }

    List<Program> list(UUID brandId) {
        return jdbc.sql("SELECT * FROM program WHERE brand_id = ? ORDER BY date_created, program_id")
                .param(brandId).query(this::map).list();
    }

    private KycPolicy policy(String text) {
        if (parsedPolicies.size() > 10_000) {
            parsedPolicies.clear();
        }
        return parsedPolicies.computeIfAbsent(text, t -> json.readValue(t, KycPolicy.class));
    }

    private Program map(ResultSet rs, int row) throws SQLException {
        return new Program(rs.getObject("program_id", UUID.class), rs.getObject("brand_id", UUID.class), rs.getString("name"),
                policy(rs.getString("kyc_policy")), rs.getBoolean("is_default"),
                DbTime.fromDb(rs.getObject("date_created", OffsetDateTime.class)),
                DbTime.fromDb(rs.getObject("date_updated", OffsetDateTime.class)));
    }
}
