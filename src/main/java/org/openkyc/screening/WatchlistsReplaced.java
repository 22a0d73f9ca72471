package org.openkyc.screening;

import java.util.Map;
import java.util.UUID;

/**
 * The lists in service on this instance changed. {@code previous} is null at the first load;
 * {@code versions} maps each list name ("SDN", "CONS") to the id of the version now in service.
 */
record WatchlistsReplaced(Watchlists previous, Watchlists current, Map<String, UUID> versions) {
}
