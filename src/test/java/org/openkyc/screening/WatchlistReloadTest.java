package org.openkyc.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The list lifecycle over HTTP, with the lists configured as files of a directory (sandbox mode,
 * which loads them too): versions recorded, a reload of unchanged files recording nothing, a
 * changed list put in service with its event, and the failed reloads (a file that does not parse,
 * one missing, a list shrunk beyond the share) keeping the version in service; the routes' errors.
 * On H2 and PostgreSQL.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(WatchlistReloadTest.Events.class)
class WatchlistReloadTest extends ApiTestBase {

    private static final Path DIR = ListFiles.newDirectory();

    @Autowired
    WatchlistScreening screening;

    @TestConfiguration
    static class Events {
        static final List<WatchlistsReplaced> SEEN = Collections.synchronizedList(new ArrayList<>());

        @EventListener
        void seen(WatchlistsReplaced event) {
            SEEN.add(event);
        }
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        restoreShippedFiles();
        registry.add("openkyc.screening.sdn.location", DIR::toString);
        registry.add("openkyc.screening.cons.location", () -> DIR.toUri().toString());
    }

    private static void restoreShippedFiles() {
        ListFiles.copyShipped(DIR);
    }

    private static void write(String file, String content) {
        try {
            Files.writeString(DIR.resolve(file), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shipped(String file) {
        return new String(ListFiles.shipped(file), StandardCharsets.UTF_8);
    }

    private JsonNode lists(Brand brand) {
        Http.Response response = brand.api().get("/api/v0.1/watchlist/lists");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode list(JsonNode lists, String name) {
        for (JsonNode list : lists.get("lists")) {
            if (list.get("list").stringValue().equals(name)) {
                return list;
            }
        }
        throw new AssertionError("no list " + name + " in " + lists);
    }

    private Http.Response reload() {
        return admin().post("/admin/watchlists/reload", Map.of());
    }

    private long versions(String list) {
        return jdbc.sql("SELECT COUNT(*) FROM watchlist_version WHERE list_name = ?").param(list).query(Long.class).single();
    }

    private String current(String list) {
        return jdbc.sql("SELECT current_version_id FROM watchlist_list WHERE list_name = ?").param(list).query(UUID.class).single().toString();
    }

    private boolean finds(String name) {
        return screening.screen(ScreeningQuery.of(name)).orElseThrow().stream().anyMatch(m -> m.score() >= 0.9);
    }

    /** The shipped files in the directory, in service. */
    @BeforeEach
    void shippedFilesInService() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> screening.listsInService().size() == 2);
        restoreShippedFiles();
        Http.Response reloaded = reload();
        assertThat(reloaded.status()).as(reloaded.toString()).isEqualTo(200);
        assertThat(screening.listsInService()).isEqualTo(Map.of("SDN", 7_379, "CONS", 442));
    }

    @Test
    void configuredFilesAreServedAndRecordedAsVersions() {
        Brand brand = newBrand();
        JsonNode lists = lists(brand);
        JsonNode sdn = list(lists, "SDN");
        assertThat(sdn.get("in_service").booleanValue()).isTrue();
        assertThat(sdn.get("program_watchlist").stringValue()).isEqualTo("ofac_sdn");
        assertThat(sdn.get("entries").intValue()).isEqualTo(7_379);
        assertThat(sdn.get("names").intValue()).isGreaterThan(7_379 + 9_682);
        assertThat(sdn.get("source").stringValue()).contains(DIR.resolve("sdn.csv").toString(), DIR.resolve("alt.csv").toString(),
                DIR.resolve("add.csv").toString(), DIR.resolve("sdn_comments.csv").toString());
        assertThat(sdn.get("content_hash").stringValue()).matches("sha256:[0-9a-f]{64}");
        assertThat(sdn.get("loaded_at").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");
        assertThat(sdn.get("version_id").stringValue()).isEqualTo(current("SDN"));
        JsonNode cons = list(lists, "CONS");
        assertThat(cons.get("entries").intValue()).isEqualTo(442);
        assertThat(cons.get("source").stringValue()).contains(DIR.toUri() + "cons_prim.csv");
        assertThat(cons.get("version_id").stringValue()).isEqualTo(current("CONS"));
        assertThat(lists.get("next_reload_at").stringValue()).isNotNull();

        byte[] stored = jdbc.sql("SELECT content FROM watchlist_version WHERE version_id = ?").param(UUID.fromString(current("SDN")))
                .query(byte[].class).single();
        assertThat(stored.length).as("the files, compressed").isBetween(100_000, 2_000_000);
    }

    @Test
    void aReloadOfUnchangedFilesRecordsNothing() {
        long sdnVersions = versions("SDN");
        String before = current("SDN");
        Http.Response reloaded = reload();
        assertThat(reloaded.status()).isEqualTo(200);
        assertThat(reloaded.json().get("lists").toString()).contains("\"result\":\"unchanged\"").doesNotContain("\"loaded\"", "\"failed\"");
        assertThat(reloaded.json().get("lists").get(0).get("version_id").stringValue()).isEqualTo(before);
        assertThat(versions("SDN")).isEqualTo(sdnVersions);
        assertThat(current("SDN")).isEqualTo(before);
    }

    @Test
    void aChangedListIsRecordedAndPutInServiceWithItsEvent() {
        String sdnBefore = current("SDN");
        String consBefore = current("CONS");
        long sdnVersions = versions("SDN");
        int events = Events.SEEN.size();
        assertThat(finds("Quentin Zzyzxovski")).isFalse();

        write("sdn.csv", shipped("sdn.csv") + ListFiles.EXTRA_SDN_ENTRY);
        Http.Response reloaded = reload();
        assertThat(reloaded.status()).as(reloaded.toString()).isEqualTo(200);
        JsonNode sdn = reloaded.json().get("lists").get(0);
        assertThat(sdn.get("list").stringValue()).isEqualTo("SDN");
        assertThat(sdn.get("result").stringValue()).isEqualTo("loaded");
        assertThat(sdn.get("entries").intValue()).isEqualTo(7_380);
        assertThat(sdn.get("version_id").stringValue()).isNotEqualTo(sdnBefore).isEqualTo(current("SDN"));
        assertThat(reloaded.json().get("lists").get(1).get("result").stringValue()).isEqualTo("unchanged");
        assertThat(current("CONS")).isEqualTo(consBefore);
        assertThat(versions("SDN")).isEqualTo(sdnVersions + 1);

        assertThat(finds("Quentin Zzyzxovski")).as("the new version is the one screened").isTrue();
        assertThat(list(lists(newBrand()), "SDN").get("entries").intValue()).isEqualTo(7_380);
        assertThat(Events.SEEN).hasSize(events + 1);
        WatchlistsReplaced event = Events.SEEN.getLast();
        assertThat(event.previous().counts()).isEqualTo(Map.of("SDN", 7_379, "CONS", 442));
        assertThat(event.current().counts()).isEqualTo(Map.of("SDN", 7_380, "CONS", 442));
        assertThat(event.versions()).isEqualTo(Map.of("SDN", UUID.fromString(current("SDN")), "CONS", UUID.fromString(consBefore)));
    }

    @Test
    void aFileThatDoesNotParseKeepsThePreviousVersionInService(CapturedOutput output) {
        String before = current("SDN");
        long sdnVersions = versions("SDN");
        write("sdn.csv", shipped("sdn.csv") + "\n99999,\"ZZYZXOVSKI, Quentin\",\"individual\"");

        Http.Response reloaded = reload();
        assertThat(reloaded.status()).as(reloaded.toString()).isEqualTo(424);
        assertThat(reloaded.header("X-Request-Id")).isNotBlank();
        JsonNode body = reloaded.json();
        assertThat(body.get("Type").stringValue()).isEqualTo("Process Error");
        assertThat(body.get("Code").stringValue()).isEqualTo("watchlist_reload_failed");
        assertThat(body.get("Message").stringValue()).isEqualTo("The watchlist reload failed (SDN: unparseable: SDN: a primary record without "
                + "its 12 fields (ent_num 99999)). The versions in service stay in service.");
        JsonNode sdn = body.get("lists").get(0);
        assertThat(sdn.get("result").stringValue()).isEqualTo("failed");
        assertThat(sdn.get("version_id").stringValue()).as("the version still in service").isEqualTo(before);
        assertThat(body.get("lists").get(1).get("result").stringValue()).isEqualTo("unchanged");

        assertThat(current("SDN")).isEqualTo(before);
        assertThat(versions("SDN")).isEqualTo(sdnVersions);
        assertThat(finds("Ayman al-Zawahiri")).isTrue();
        JsonNode listed = list(lists(newBrand()), "SDN");
        assertThat(listed.get("version_id").stringValue()).isEqualTo(before);
        assertThat(listed.get("last_failed_load").get("reason").stringValue()).startsWith("unparseable: ");
        assertThat(listed.get("last_failed_load").get("source").stringValue()).contains(DIR.resolve("sdn.csv").toString());
        assertThat(output.getAll()).contains("watchlist SDN did not load (unparseable: SDN: a primary record without its 12 fields (ent_num 99999)); version "
                + before + " stays in service").doesNotContain("ZZYZXOVSKI");
        String metrics = anonymous().get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("openkyc_watchlists_loads_total\\{list=\"SDN\",result=\"failed\"\\} [1-9]")
                .contains("openkyc_watchlists_failing{list=\"SDN\"} 1.0").contains("openkyc_watchlists_entries{list=\"SDN\"} 7379.0");
    }

    @Test
    void aMissingFileKeepsThePreviousVersionInService() throws IOException {
        String before = current("SDN");
        Files.delete(DIR.resolve("alt.csv"));
        Http.Response reloaded = reload();
        assertThat(reloaded.status()).as(reloaded.toString()).isEqualTo(424);
        assertThat(reloaded.json().get("lists").get(0).get("reason").stringValue())
                .isEqualTo("fetch failed: alt.csv: no file " + DIR.resolve("alt.csv"));
        assertThat(current("SDN")).isEqualTo(before);
        assertThat(screening.listsInService()).isEqualTo(Map.of("SDN", 7_379, "CONS", 442));
    }

    @Test
    void aListThatShrankBeyondTheShareIsRefusedAndOneWithinItLoads() {
        String before = current("SDN");
        String[] lines = shipped("sdn.csv").split("\n", -1);
        write("sdn.csv", String.join("\n", java.util.Arrays.copyOf(lines, 5_000)));
        Http.Response reloaded = reload();
        assertThat(reloaded.status()).as(reloaded.toString()).isEqualTo(424);
        assertThat(reloaded.json().get("lists").get(0).get("reason").stringValue())
                .isEqualTo("the list shrank from 7379 to 5000 entries, more than the 20 % allowed (openkyc.screening.max-shrink)");
        assertThat(current("SDN")).isEqualTo(before);
        assertThat(screening.listsInService()).containsEntry("SDN", 7_379);

        write("sdn.csv", String.join("\n", java.util.Arrays.copyOf(lines, 7_000)));
        reloaded = reload();
        assertThat(reloaded.status()).as(reloaded.toString()).isEqualTo(200);
        assertThat(reloaded.json().get("lists").get(0).get("result").stringValue()).isEqualTo("loaded");
        assertThat(screening.listsInService()).containsEntry("SDN", 7_000);
    }

    @Test
    void theRoutesRefuseWrongCredentialsInTheEnvelope() {
        Brand brand = newBrand();
        for (Http.Response refused : new Http.Response[] {
                anonymous().post("/admin/watchlists/reload", Map.of()),
                anonymous().with("X-Admin-Token", "wrong").post("/admin/watchlists/reload", Map.of()),
                brand.api().post("/admin/watchlists/reload", Map.of()),
                anonymous().get("/api/v0.1/watchlist/lists"),
                brand.api().with("Authorization", "x".repeat(64)).get("/api/v0.1/watchlist/lists")}) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.json().get("Code").stringValue()).isEqualTo("auth_err");
            assertThat(refused.json().get("Type").stringValue()).isEqualTo("Request Error");
            assertThat(refused.header("X-Request-Id")).isNotBlank();
        }
        String customerId = createCustomer(brand, customerBody());
        JsonNode temporary = brand.api().post("/api/v0.1/auth/key/temporary", Map.of("customer_id", customerId)).json();
        Http.Response scoped = new Http(port).with("Identity", temporary.get("Identity").stringValue())
                .with("Authorization", temporary.get("Authorization").stringValue()).get("/api/v0.1/watchlist/lists");
        assertThat(scoped.status()).as("a temporary key is for its customer's routes only").isEqualTo(403);
        assertThat(scoped.json().get("Code").stringValue()).isEqualTo("auth_err");

        Http.Response wrongMethod = admin().get("/admin/watchlists/reload");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("Code").stringValue()).isEqualTo("method_not_allowed");
        JsonNode docs = anonymous().get("/v3/api-docs").json();
        assertThat(docs.get("paths").get("/api/v0.1/watchlist/lists").get("get").toString()).contains("WatchlistLists");
        assertThat(docs.get("paths").get("/admin/watchlists/reload").get("post").get("responses").has("424")).isTrue();
    }
}
