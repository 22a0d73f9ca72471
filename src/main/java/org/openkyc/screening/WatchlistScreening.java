package org.openkyc.screening;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openkyc.config.OpenKycProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The lists in service and the index over them. The shipped OFAC lists are loaded once the server
 * is ready, in the background, so that the start is not held up by them; until they are in
 * service, {@link #screen} answers empty and a check that needs it cannot run (the attempt is
 * evaluated again a little later, never passed without screening). Only live mode screens
 * (sandbox outcomes are scripted by SSN), so only live mode loads them. Reloads, configured
 * sources and list versions (issue 15) are not built yet.
 */
@Component
public class WatchlistScreening {

    private static final Logger log = LoggerFactory.getLogger(WatchlistScreening.class);

    private final boolean live;
    private volatile ScreeningIndex index;

    WatchlistScreening(OpenKycProperties properties) {
        this.live = !properties.sandbox();
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadInBackground() {
        if (live) {
            Thread.ofVirtual().name("watchlist-load").start(this::loadShipped);
        }
    }

    private void loadShipped() {
        try {
            long started = System.nanoTime();
            ScreeningIndex loaded = ScreeningIndex.build(Watchlists.loadDefault());
            index = loaded;
            log.info("watchlists in service: {} ({} names) loaded in {} ms", loaded.lists().counts(), loaded.nameCount(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.error("the shipped watchlists could not be loaded: screening cannot run", e);
        }
    }

    /** Potential matches for the query, best first; empty while no lists are in service. */
    public Optional<List<Match>> screen(ScreeningQuery query) {
        ScreeningIndex current = index;
        return current == null ? Optional.empty() : Optional.of(current.search(query));
    }

    /** Entries per list in service ("SDN", "CONS"); empty while none are. */
    public Map<String, Integer> listsInService() {
        ScreeningIndex current = index;
        return current == null ? Map.of() : current.lists().counts();
    }
}
