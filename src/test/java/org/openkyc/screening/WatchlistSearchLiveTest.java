package org.openkyc.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openkyc.testing.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v0.1/watchlist/search} with the shipped lists in service (live mode loads them
 * after the start): each result explains itself, the DOB and type count, and the query stays out
 * of the logs. Same properties as LiveModeApiTest, so the two share one server.
 */
@ExtendWith(OutputCaptureExtension.class)
class WatchlistSearchLiveTest extends LiveListsTestBase {

    private static final String SEARCH = "/api/v0.1/watchlist/search";

    private static Map<String, Object> query(String name, Object... more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    private static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode resultFor(JsonNode answer, String entryId) {
        for (JsonNode r : answer.get("results")) {
            if (r.get("entry").get("entry_id").stringValue().equals(entryId)) {
                return r;
            }
        }
        throw new AssertionError(entryId + " not among " + answer.get("results"));
    }

    @Test
    void aListedPersonIsFoundWithTheEntryAndTheReason(CapturedOutput output) {
        Brand brand = newBrand();
        JsonNode answer = ok(brand.api().post(SEARCH, query("Aiman Al Zawahri", "dob", "1951-06-19", "type", "individual")));
        JsonNode hit = resultFor(answer, "SDN-2676");
        assertThat(answer.get("results").get(0)).as("best first").isEqualTo(hit);
        assertThat(hit.get("list").stringValue()).isEqualTo("SDN");
        assertThat(hit.get("score").doubleValue()).isBetween(0.9, 1.0);
        assertThat(hit.get("matched_name").stringValue()).isNotBlank();
        assertThat(hit.get("matched_as").stringValue()).isNotBlank();
        assertThat(hit.get("reason").stringValue()).contains("family name").contains("DOB matches");
        JsonNode entry = hit.get("entry");
        assertThat(entry.get("ent_num").stringValue()).isEqualTo("2676");
        assertThat(entry.get("primary_name").stringValue()).contains("ZAWAHIRI");
        assertThat(entry.get("type").stringValue()).isEqualTo("individual");
        assertThat(entry.get("programs").valueStream().map(JsonNode::stringValue).toList()).contains("SDGT");
        assertThat(entry.get("dates_of_birth").toString()).contains("19 Jun 1951");
        assertThat(entry.get("nationalities").isArray()).isTrue();
        assertThat(answer.get("list_versions").propertyNames()).containsExactlyInAnyOrder("SDN", "CONS");
        JsonNode lists = ok(brand.api().get("/api/v0.1/watchlist/lists"));
        assertThat(lists.toString()).as("the versions searched are the versions in service")
                .contains(answer.get("list_versions").get("SDN").stringValue(), answer.get("list_versions").get("CONS").stringValue());

        assertThat(output.getAll()).contains("POST /api/v0.1/watchlist/search 200").doesNotContain("Aiman").doesNotContain("Zawahri")
                .doesNotContain("1951-06-19");
    }

    @Test
    void theDobAndTheTypeCount() {
        Brand brand = newBrand();
        double agreeing = resultFor(ok(brand.api().post(SEARCH, query("Ayman al-Zawahiri", "dob", "1951-06-19", "min_score", 0.5))), "SDN-2676")
                .get("score").doubleValue();
        double contradicting = resultFor(ok(brand.api().post(SEARCH, query("Ayman al-Zawahiri", "dob", "1990-01-01", "min_score", 0.5))), "SDN-2676")
                .get("score").doubleValue();
        assertThat(contradicting).as("a DOB the entry contradicts lowers the score").isLessThan(agreeing - 0.1);
        JsonNode asVessel = ok(brand.api().post(SEARCH, query("Ayman al-Zawahiri", "type", "vessel", "min_score", 0.5)));
        assertThat(asVessel.get("results").valueStream().map(r -> r.get("entry").get("type").stringValue()).toList())
                .as("a vessel search never returns a person").doesNotContain("individual");
    }

    @Test
    void limitAndThresholdBoundTheResults() {
        Brand brand = newBrand();
        JsonNode loose = ok(brand.api().post(SEARCH, query("Mohammed Ali", "min_score", 0.5, "limit", 3)));
        assertThat(loose.get("results").size()).isEqualTo(3);
        List<Double> scores = loose.get("results").valueStream().map(r -> r.get("score").doubleValue()).toList();
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a)).allMatch(s -> s >= 0.5);
        JsonNode strict = ok(brand.api().post(SEARCH, query("Jane Doe", "dob", "1990-04-12", "type", "individual")));
        assertThat(strict.get("results").size()).as("an ordinary name at the default threshold").isZero();
        assertThat(strict.get("list_versions").size()).isEqualTo(2);
    }
}
