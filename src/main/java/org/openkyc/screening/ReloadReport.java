package org.openkyc.screening;

import java.util.List;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a reload from the sources came to, list by list: {@code loaded} (a new version is in
 * service), {@code unchanged} (the sources hold the version in service), or {@code failed} (the
 * version in service, if any, stays; {@code reason} says why, with no list data in it).
 */
@Schema(name = "WatchlistReload")
public record ReloadReport(List<ListResult> lists) {

    @Schema(name = "WatchlistReloadResult")
    public record ListResult(String list, @Schema(allowableValues = {"loaded", "unchanged", "failed"}) String result,
                             @Schema(description = "The version in service after the reload") String version_id,
                             Integer entries, String reason) {
    }

    public boolean failed() {
        return lists.stream().anyMatch(l -> l.result().equals("failed"));
    }

    /** One sentence for the error envelope's message when a list failed. */
    public String summary() {
        return lists.stream().filter(l -> l.result().equals("failed")).map(l -> l.list() + ": " + l.reason())
                .collect(Collectors.joining("; ", "The watchlist reload failed (", "). The versions in service stay in service."));
    }
}
