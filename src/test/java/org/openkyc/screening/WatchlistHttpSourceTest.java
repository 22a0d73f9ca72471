package org.openkyc.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The consolidated list from an http source (a local server), the SDN list from the jar (nothing
 * configured for it): the server failing, or stalling past the read timeout, leaves the version in
 * service; serving a new release loads it. On H2 and PostgreSQL.
 */
class WatchlistHttpSourceTest extends ApiTestBase {

    private static final ListServer SERVER = server();

    @Autowired
    WatchlistScreening screening;

    private static ListServer server() {
        try {
            ListServer server = new ListServer();
            for (String file : new String[] {"cons_prim.csv", "cons_alt.csv", "cons_add.csv"}) {
                server.put("/ofac/" + file, ListFiles.shipped(file));
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("openkyc.screening.cons.location", () -> SERVER.url("/ofac/"));
        registry.add("openkyc.screening.read-timeout", () -> "5s");
    }

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    private JsonNode list(String name) {
        Http.Response response = newBrand().api().get("/api/v0.1/watchlist/lists");
        for (JsonNode list : response.json().get("lists")) {
            if (list.get("list").stringValue().equals(name)) {
                return list;
            }
        }
        throw new AssertionError(response.toString());
    }

    private Http.Response reload() {
        return admin().post("/admin/watchlists/reload", Map.of());
    }

    @Test
    void aListServedOverHttpLoadsAndAServerThatFailsOrStallsKeepsIt() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> screening.listsInService().size() == 2);
        JsonNode cons = list("CONS");
        String first = cons.get("version_id").stringValue();
        assertThat(cons.get("source").stringValue()).isEqualTo(SERVER.url("/ofac/cons_prim.csv") + " " + SERVER.url("/ofac/cons_alt.csv")
                + " " + SERVER.url("/ofac/cons_add.csv"));
        assertThat(cons.get("entries").intValue()).isEqualTo(442);
        assertThat(list("SDN").get("source").stringValue()).as("nothing configured: the jar's copy").contains("classpath:watchlists/ofac/sdn.csv");

        SERVER.failWith(503);
        Http.Response failed = reload();
        assertThat(failed.status()).as(failed.toString()).isEqualTo(424);
        assertThat(failed.json().get("lists").get(1).get("reason").stringValue())
                .isEqualTo("fetch failed: cons_prim.csv: HTTP 503 from " + SERVER.url("/ofac/cons_prim.csv"));
        assertThat(failed.json().get("lists").get(0).get("result").stringValue()).as("the shipped SDN list").isEqualTo("unchanged");
        SERVER.failWith(0);

        SERVER.stall(true);
        Http.Response stalled = reload();
        assertThat(stalled.status()).as(stalled.toString()).isEqualTo(424);
        assertThat(stalled.json().get("lists").get(1).get("reason").stringValue())
                .isEqualTo("fetch failed: cons_prim.csv: no complete answer within 5 s from " + SERVER.url("/ofac/cons_prim.csv"));
        SERVER.stall(false);
        assertThat(list("CONS").get("version_id").stringValue()).isEqualTo(first);
        assertThat(list("CONS").get("last_failed_load").get("reason").stringValue()).contains("no complete answer");

        String release = new String(ListFiles.shipped("cons_prim.csv"), java.nio.charset.StandardCharsets.ISO_8859_1);
        SERVER.put("/ofac/cons_prim.csv", (release.substring(0, release.length() - 1)
                + "\r\n99998,\"ZZYZXOVSKA TRADING LLC\",-0-,\"NS-PLC\",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\r\n\u001a")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Http.Response loaded = reload();
        assertThat(loaded.status()).as(loaded.toString()).isEqualTo(200);
        assertThat(loaded.json().get("lists").get(1).get("result").stringValue()).isEqualTo("loaded");
        assertThat(list("CONS").get("entries").intValue()).isEqualTo(443);
        assertThat(list("CONS").get("version_id").stringValue()).isNotEqualTo(first);
        assertThat(screening.screen(ScreeningQuery.of("Zzyzxovska Trading")).orElseThrow()).extracting(m -> m.entry().uid()).contains("CONS-99998");
    }
}
