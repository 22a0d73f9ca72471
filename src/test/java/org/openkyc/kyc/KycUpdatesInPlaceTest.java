package org.openkyc.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Migration V21 on PostgreSQL: the rewrites of a customer and of its attempt after a KYC start (the
 * start's, the evaluator's claim, the decision) find room on the row's own page, so the updates that
 * change no indexed column are written without new index entries (HOT) and no row moves. The page
 * of a row is the block of its {@code ctid}: the same from insert to decision means every version
 * was written beside the first. Under load, open transactions keep the old versions from being
 * cleared off the page for a while; a transaction held open over the starts does the same here.
 */
@TestPropertySource(properties = "openkyc.kyc.worker-enabled=false")
class KycUpdatesInPlaceTest extends ApiTestBase {

    private static final int CUSTOMERS = 40;

    @Autowired
    KycEvaluator evaluator;
    @Autowired
    KycRepository repository;
    @Autowired
    DataSource dataSource;

    @Test
    void aDecidedCustomerAndItsAttemptStayOnTheirPages() throws Exception {
        assumeTrue(TestDatabase.postgres(), "row pages (ctid) and fill factors are PostgreSQL's");
        Brand brand = newBrand();
        List<String> ids = customers(brand);
        Map<String, Long> customerPages = pages("customer", ids);
        try (Connection snapshot = snapshotHeldOpen()) {
            for (String id : ids) {
                assertThat(startKyc(brand, id, "123-45-6780").status()).isEqualTo(201);
            }
            assertThat(pages("customer", ids)).as("customers after their starts, old versions still visible to a transaction").isEqualTo(customerPages);
            snapshot.rollback();
        }
        assertThat(evaluator.runOnce(1000)).isGreaterThanOrEqualTo(CUSTOMERS);
        for (String id : ids) {
            awaitKycStatus(brand, id, "passed");
        }
        assertThat(pages("customer", ids)).as("customers after the decisions").isEqualTo(customerPages);
    }

    @Test
    void anEvaluatorsClaimLeavesTheAttemptsOnTheirPages() throws Exception {
        assumeTrue(TestDatabase.postgres(), "row pages (ctid) and fill factors are PostgreSQL's");
        Brand brand = newBrand();
        List<String> ids = customers(brand);
        for (String id : ids) {
            assertThat(startKyc(brand, id, "123-45-6780").status()).isEqualTo(201);
        }
        Map<String, Long> attemptPages = pages("kyc_attempt", ids);
        try (Connection snapshot = snapshotHeldOpen()) {
            Instant now = Instant.now();
            assertThat(repository.claimDueEvaluations(now, now.plus(Duration.ofSeconds(30)), 1000)).hasSizeGreaterThanOrEqualTo(CUSTOMERS);
            // One statement writes every claim's version while the first ones are all still there: half a
            // page free holds as many versions as the page has rows, all but the odd last one or two.
            Map<String, Long> after = pages("kyc_attempt", ids);
            long stayed = ids.stream().filter(id -> after.get(id).equals(attemptPages.get(id))).count();
            assertThat(stayed).as("attempts on their page after one claim of all " + CUSTOMERS).isGreaterThanOrEqualTo(CUSTOMERS * 9L / 10);
            snapshot.rollback();
        }
    }

    /** {@link #CUSTOMERS} new customers of the brand, created one after the other (so they share pages). */
    private List<String> customers(Brand brand) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            ids.add(createCustomer(brand, customerBody()));
        }
        return ids;
    }

    /** A transaction that has taken its snapshot: no row version written after it can be cleared off its page until it ends. */
    private Connection snapshotHeldOpen() throws java.sql.SQLException {
        Connection snapshot = dataSource.getConnection();
        snapshot.setAutoCommit(false);
        snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement statement = snapshot.createStatement()) {
            statement.executeQuery("SELECT COUNT(*) FROM customer").close();
        }
        return snapshot;
    }

    /** The page (ctid block) of each row of {@code table} by its customer id, for these customers. */
    private Map<String, Long> pages(String table, List<String> ids) {
        Map<String, Long> pages = new TreeMap<>();
        jdbc.sql("SELECT customer_id::text AS id, (ctid::text::point)[0]::bigint AS page FROM " + table + " WHERE customer_id::text = ANY(?)")
                .param(ids.toArray(String[]::new))
                .query((rs, n) -> pages.put(rs.getString("id"), rs.getLong("page"))).list();
        assertThat(pages).hasSize(ids.size());
        return pages;
    }
}
