package org.openkyc.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openkyc.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Upgrading a database with events in it across V7 (the event table partitioned on PostgreSQL):
 * nothing is lost, numbering goes on, event ids stay unique.
 */
@Tag("db")
class OutboxUpgradeTest {

    @Test
    void eventsAndAttemptsSurviveTheUpgrade() {
        DriverManagerDataSource dataSource = dataSource(TestDatabase.fresh());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("6").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        UUID brand = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        insertEvent(jdbc, first, brand, customer);
        insertEvent(jdbc, second, brand, customer);
        long lastSeq = jdbc.sql("SELECT MAX(event_seq) FROM outbox_event").query(Long.class).single();

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        assertThat(jdbc.sql("SELECT event_id FROM outbox_event WHERE customer_id = ? ORDER BY event_seq").param(customer).query(UUID.class).list())
                .containsExactly(first, second);
        UUID third = UUID.randomUUID();
        insertEvent(jdbc, third, brand, customer);
        assertThat(jdbc.sql("SELECT event_seq FROM outbox_event WHERE event_id = ?").param(third).query(Long.class).single())
                .isGreaterThan(lastSeq);
        assertThatThrownBy(() -> insertEvent(jdbc, first, brand, customer)).hasMessageContaining("outbox_event");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event").query(Long.class).single()).isEqualTo(3);
    }

    private static void insertEvent(JdbcClient jdbc, UUID eventId, UUID brand, UUID customer) {
        jdbc.sql("INSERT INTO outbox_event (event_id, brand_id, event_type, customer_id, payload, occurred_at) VALUES (?, ?, 'customer.created', ?, '{}', CURRENT_TIMESTAMP)")
                .params(eventId, brand, customer).update();
    }

    private static DriverManagerDataSource dataSource(Map<String, String> properties) {
        String url = properties.getOrDefault("spring.datasource.url",
                "jdbc:h2:file:" + properties.get("openkyc.data-dir") + "/openkyc;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        return new DriverManagerDataSource(url, properties.getOrDefault("spring.datasource.username", "sa"),
                properties.getOrDefault("spring.datasource.password", ""));
    }
}
