package org.openkyc.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openkyc.api.Caller;
import org.openkyc.api.Timestamps;
import org.openkyc.program.ProgramWatchlists;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** SPEC §9: the lists this instance serves, their versions, and their last failed load. */
@RestController
@RequestMapping("/api/v0.1/watchlist")
@Tag(name = "Watchlist screening")
class WatchlistListsController {

    private static final Map<String, String> NAMES = Map.of(
            ListPart.SDN, "OFAC Specially Designated Nationals and Blocked Persons List",
            ListPart.CONS, "OFAC Consolidated Sanctions List (non-SDN)");

    private final WatchlistLifecycle lifecycle;
    private final ListLoadingProperties properties;

    WatchlistListsController(WatchlistLifecycle lifecycle, ListLoadingProperties properties) {
        this.lifecycle = lifecycle;
        this.properties = properties;
    }

    @Schema(name = "WatchlistLists")
    record ListsView(List<ListView> lists,
                     @Schema(description = "When this instance last loaded from the sources") String last_reload_at,
                     @Schema(description = "When it will next, unless asked to sooner") String next_reload_at) {
    }

    @Schema(name = "WatchlistList")
    record ListView(String list, String name,
                    @Schema(description = "The name a program's kyc_policy.watchlists uses") String program_watchlist,
                    boolean in_service, String version_id, String source, String content_hash, Integer entries,
                    @Schema(description = "Names matched: primary names and aliases") Integer names,
                    @Schema(description = "When the version was recorded") String loaded_at,
                    @Schema(description = "Since when this instance serves it") String in_service_since,
                    FailureView last_failed_load) {
    }

    @Schema(name = "WatchlistLoadFailure", description = "The last load of the list that failed; the version in service stayed")
    record FailureView(String at, String source, String reason) {
    }

    @GetMapping("/lists")
    @Operation(summary = "The watchlists in service on this instance, their versions, and their last failed load")
    ListsView lists(Caller caller) {
        InService now = lifecycle.current();
        Map<String, ListLoad.Failed> failures = lifecycle.lastFailures();
        List<ListView> lists = new ArrayList<>();
        for (var spec : properties.specs()) {
            LoadedList served = now == null ? null : now.lists().get(spec.list());
            lists.add(view(spec.list(), served, failures.get(spec.list())));
        }
        return new ListsView(lists, Timestamps.format(lifecycle.lastReload()), Timestamps.format(lifecycle.nextReload()));
    }

    private static ListView view(String list, LoadedList served, ListLoad.Failed failure) {
        FailureView failed = failure == null ? null : new FailureView(Timestamps.format(failure.at()), failure.source(), failure.reason());
        if (served == null) {
            return new ListView(list, NAMES.get(list), ProgramWatchlists.programName(list), false, null, null, null, null, null, null, null, failed);
        }
        ListVersion v = served.version();
        return new ListView(list, NAMES.get(list), ProgramWatchlists.programName(list), true, v.id().toString(), v.source(), v.contentHash(),
                v.entries(), v.names(), Timestamps.format(v.loadedAt()), Timestamps.format(served.since()), failed);
    }
}
