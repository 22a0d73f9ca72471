package org.openkyc.screening;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.openkyc.api.ApiException;
import org.openkyc.api.Caller;
import org.openkyc.api.Input;
import org.openkyc.api.JsonBody;
import org.openkyc.api.Rule;
import org.openkyc.api.SchemaErrors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/**
 * SPEC §9 ad-hoc search: a name (and DOB, type) in a body, never in the URL, so it stays out of
 * access logs; the answer names the list versions it was computed on. Nothing about the query is
 * logged (the request log line has the route, status and ids only).
 */
@RestController
@RequestMapping("/api/v0.1/watchlist")
@Tag(name = "Watchlists")
class WatchlistSearchController {

    static final String SCHEMA_CODE = "watchlist_search_schema";
    static final int MAX_LIMIT = 100;
    private static final List<String> TYPES = List.of("individual", "entity", "vessel", "aircraft");

    private final WatchlistScreening screening;

    WatchlistSearchController(WatchlistScreening screening) {
        this.screening = screening;
    }

    @Schema(name = "WatchlistSearchRequest")
    record SearchRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 200, example = "Mohamed Abdulrahman") String name,
            @Schema(format = "date", description = "Raises the score of entries whose DOB agrees, lowers it for those it contradicts") String dob,
            @Schema(allowableValues = {"individual", "entity", "vessel", "aircraft"},
                    description = "A person is never matched with an entity, vessel or aircraft, nor the reverse") String type,
            @Schema(minimum = "1", maximum = "100", defaultValue = "10") Integer limit,
            @Schema(minimum = "0", maximum = "1", defaultValue = "0.9") Double min_score) {
    }

    @Schema(name = "WatchlistEntry")
    record EntryDoc(String entry_id, String list, String ent_num, String primary_name, String type, List<String> programs,
                    List<String> dates_of_birth, List<String> nationalities) {
    }

    @Schema(name = "WatchlistSearchResult")
    record ResultDoc(double score, String matched_name,
                     @Schema(description = "primary, or the alias kind: aka, fka, nka (\"(remarks)\" for aliases found only in the remarks)") String matched_as,
                     String list, EntryDoc entry, @Schema(description = "Why it matched, in words") String reason) {
    }

    @Schema(name = "WatchlistSearchResponse")
    record ResponseDoc(List<ResultDoc> results,
                       @Schema(description = "Each list searched (SDN, CONS) and the id of its version in service") Map<String, String> list_versions) {
    }

    @PostMapping("/search")
    @Operation(summary = "Screen a name against the watchlists in service (SPEC §9)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = SearchRequest.class))),
            responses = {
                    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ResponseDoc.class))),
                    @ApiResponse(responseCode = "503", description = "No watchlists in service yet (watchlists_unavailable), or the database is unreachable")})
    Map<String, Object> search(Caller caller, @RequestBody JsonNode body) {
        ScreeningQuery query = read(body);
        Optional<ScreeningResult> found = screening.screenWithVersions(query);
        if (found.isEmpty()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "watchlists_unavailable",
                    "The watchlists are not in service yet. Retry later.", ApiException.PROCESS_ERROR, null);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("results", found.get().matches().stream().map(MatchView::result).toList());
        out.put("list_versions", new TreeMap<>(found.get().versions()));
        return out;
    }

    /** The body as a query, or a 400 naming every bad field. */
    static ScreeningQuery read(JsonNode body) {
        SchemaErrors errors = new SchemaErrors();
        JsonBody reader = JsonBody.of(body, errors, false);
        Input<String> name = reader.string("name", true, Rule.length(1, 200));
        Input<LocalDate> dob = reader.date("dob", false);
        Input<String> type = reader.string("type", false, Rule.oneOf(TYPES));
        Input<Integer> limit = reader.integer("limit", false, Rule.that(v -> v >= 1 && v <= MAX_LIMIT,
                "Must be greater than or equal to 1 and less than or equal to " + MAX_LIMIT + "."));
        Input<Double> minScore = reader.number("min_score", false, Rule.that(v -> v >= 0 && v <= 1,
                "Must be greater than or equal to 0 and less than or equal to 1."));
        reader.finish();
        errors.throwIfAny(SCHEMA_CODE);
        return new ScreeningQuery(name.value(), dob.orElse(null),
                type.present() ? EntryType.valueOf(type.value().toUpperCase(Locale.ROOT)) : null,
                limit.orElse(ScreeningQuery.DEFAULT_LIMIT), minScore.orElse(ScreeningQuery.DEFAULT_MIN_SCORE));
    }
}
