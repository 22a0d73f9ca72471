package org.openkyc.db;

import java.util.Collection;
import java.util.UUID;

/**
 * Many ids as one parameter, for {@code column = ANY(?)}. An {@code IN (?, ?, …)} list is a new
 * statement for every length: PostgreSQL parses and plans it afresh each time, and its plan for a
 * long list of constants can be a sequential scan (taken, measured, for 64 ids in a table whose
 * statistics were still those of an empty table). One statement text for every length is prepared
 * once and planned for a handful of ids: an index lookup.
 */
public final class IdArray {

    private IdArray() {
    }

    public static UUID[] of(Collection<UUID> ids) {
        return ids.toArray(UUID[]::new);
    }
}
