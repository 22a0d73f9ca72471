package org.openkyc.screening;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openkyc.config.OpenKycProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The lists in service and the index over them. The lists are loaded once the server is ready, in
 * the background ({@link WatchlistLifecycle}), so that the start is not held up by them; until they
 * are in service, {@link #screen} answers empty and a check that needs them cannot run (the
 * attempt is evaluated again a little later, never passed without screening). Both modes load
 * them (sandbox for {@code /watchlist} searches); sandbox mode may turn them off.
 */
@Component
public class WatchlistScreening {

    private final WatchlistLifecycle lifecycle;
    private final boolean enabled;

    WatchlistScreening(OpenKycProperties properties, ListLoadingProperties lists, WatchlistLifecycle lifecycle) {
        if (!properties.sandbox() && !lists.enabled()) {
            throw new IllegalStateException("live mode screens every applicant: openkyc.screening.enabled=false is for sandbox mode only");
        }
        this.lifecycle = lifecycle;
        this.enabled = lists.enabled();
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadInBackground() {
        if (enabled) {
            lifecycle.start();
        }
    }

    /** Potential matches for the query, best first; empty while no lists are in service. */
    public Optional<List<Match>> screen(ScreeningQuery query) {
        return screenWithVersions(query).map(ScreeningResult::matches);
    }

    /** The potential matches and the versions of the lists screened; empty while no lists are in service. */
    public Optional<ScreeningResult> screenWithVersions(ScreeningQuery query) {
        InService now = lifecycle.current();
        return now == null ? Optional.empty() : Optional.of(new ScreeningResult(now.index().search(query), now.versions()));
    }

    /** Entries per list in service ("SDN", "CONS"); empty while none are. */
    public Map<String, Integer> listsInService() {
        InService now = lifecycle.current();
        return now == null ? Map.of() : now.index().lists().counts();
    }

    /**
     * Loads every list from its sources now (after a load under way), and says what came of it.
     * A list that fails keeps its version in service.
     *
     * @throws IllegalStateException when the lists are turned off on this instance
     */
    public ReloadReport reload() {
        if (!enabled) {
            throw new IllegalStateException("the watchlists are turned off (openkyc.screening.enabled=false)");
        }
        return lifecycle.reload();
    }
}
