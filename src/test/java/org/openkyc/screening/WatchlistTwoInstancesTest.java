package org.openkyc.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.openkyc.testing.InProcessServer;
import org.openkyc.testing.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * SPEC §9 and §11.1 with two instances on one PostgreSQL database: the second serves the version
 * the first recorded, from the database, although its own SDN source cannot be read; a new version
 * loaded on the first reaches the second by its poll; a reload that finds the same content records
 * nothing.
 */
@Tag("db")
class WatchlistTwoInstancesTest {

    private static ConfigurableApplicationContext start(Map<String, String> database, String sdn, String cons) {
        Map<String, String> config = new HashMap<>(database);
        config.put("openkyc.screening.sdn.location", sdn);
        config.put("openkyc.screening.cons.location", cons);
        config.put("openkyc.screening.poll-interval", "200ms");
        return InProcessServer.start(config, "--openkyc.admin-token=" + ApiTestBase.ADMIN_TOKEN);
    }

    private static JsonNode list(Http brand, String name) {
        Http.Response response = brand.get("/api/v0.1/watchlist/lists");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        for (JsonNode list : response.json().get("lists")) {
            if (list.get("list").stringValue().equals(name)) {
                return list;
            }
        }
        throw new AssertionError("no list " + name);
    }

    /** The version in service; null while there is none, or while the instance cannot answer (it is busy loading). */
    private static String version(Http brand, String name) {
        if (brand.get("/api/v0.1/watchlist/lists").status() != 200) {
            return null;
        }
        JsonNode list = list(brand, name);
        return list.get("in_service").booleanValue() ? list.get("version_id").stringValue() : null;
    }

    @Test
    void everyInstanceServesTheVersionRecordedLast() throws Exception {
        assumeTrue(TestDatabase.postgres(), "two processes share a database only on PostgreSQL");
        Path lists = ListFiles.copyShipped(ListFiles.newDirectory());
        Map<String, String> database = TestDatabase.fresh();
        try (var one = start(database, lists.toString(), lists.toString())) {
            ApiTestBase.Brand brand = InProcessServer.newBrand(InProcessServer.port(one));
            Http a = brand.api();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> version(a, "SDN") != null && version(a, "CONS") != null);
            String sdn = version(a, "SDN");
            try (var two = start(database, lists.resolve("not-there").toString(), lists.toString())) {
                Http b = new Http(InProcessServer.port(two)).with("Identity", brand.identity()).with("Authorization", brand.authorization());
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> version(b, "SDN") != null && version(b, "CONS") != null);
                assertThat(version(b, "SDN")).as("from the database, not from its own source").isEqualTo(sdn);
                assertThat(version(b, "CONS")).isEqualTo(version(a, "CONS"));
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !list(b, "SDN").get("last_failed_load").isNull());
                assertThat(list(b, "SDN").get("last_failed_load").get("reason").stringValue()).startsWith("fetch failed: sdn.csv: no file ");

                Files.writeString(lists.resolve("sdn.csv"), Files.readString(lists.resolve("sdn.csv"), StandardCharsets.UTF_8) + ListFiles.EXTRA_SDN_ENTRY);
                Http.Response reloaded = new Http(InProcessServer.port(one)).with("X-Admin-Token", ApiTestBase.ADMIN_TOKEN)
                        .post("/admin/watchlists/reload", Map.of());
                assertThat(reloaded.status()).as(reloaded.toString()).isEqualTo(200);
                String newer = reloaded.json().get("lists").get(0).get("version_id").stringValue();
                assertThat(newer).isNotEqualTo(sdn);
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> newer.equals(version(b, "SDN")));
                assertThat(list(b, "SDN").get("entries").intValue()).isEqualTo(7_380);
                assertThat(list(b, "SDN").get("content_hash").stringValue()).isEqualTo(list(a, "SDN").get("content_hash").stringValue());
                assertThat(two.getBean(WatchlistScreening.class).screen(ScreeningQuery.of("Quentin Zzyzxovski")).orElseThrow())
                        .extracting(m -> m.entry().uid()).containsExactly("SDN-99999");

                Http.Response again = new Http(InProcessServer.port(one)).with("X-Admin-Token", ApiTestBase.ADMIN_TOKEN)
                        .post("/admin/watchlists/reload", Map.of());
                assertThat(again.json().get("lists").get(0).get("result").stringValue()).isEqualTo("unchanged");
                JdbcClient jdbc = one.getBean(JdbcClient.class);
                assertThat(jdbc.sql("SELECT list_name, COUNT(*) FROM watchlist_version GROUP BY list_name")
                        .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list())
                        .as("the same content is recorded once, whichever instance loads it").containsExactlyInAnyOrder(Map.entry("SDN", 2L), Map.entry("CONS", 1L));
            }
        }
    }
}
