package org.openkyc.screening;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The potential matches of one screening, best first, and the version of each list it screened
 * against ("SDN", "CONS" → version id): a list absent from {@code versions} is not in service and
 * was not screened.
 */
public record ScreeningResult(List<Match> matches, Map<String, UUID> versions) {
}
