package org.openkyc.screening;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The ids of the list versions in service on this instance, as the last {@link WatchlistsReplaced}
 * said, for answers that tell which lists they were computed on.
 */
@Component
class ListVersions {

    private volatile Map<String, UUID> versions = Map.of();

    @EventListener
    void on(WatchlistsReplaced replaced) {
        versions = Map.copyOf(replaced.versions());
    }

    /** Each list in service mapped to its version id, or to null when no version was recorded for it. */
    Map<String, String> of(Map<String, Integer> listsInService) {
        Map<String, UUID> known = versions;
        Map<String, String> out = new LinkedHashMap<>();
        listsInService.keySet().stream().sorted().forEach(list -> {
            UUID id = known.get(list);
            out.put(list, id == null ? null : id.toString());
        });
        return out;
    }
}
