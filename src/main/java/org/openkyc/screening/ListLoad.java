package org.openkyc.screening;

import java.time.Instant;

/** What one attempt to load a list came to. */
sealed interface ListLoad {

    String list();

    /** A version to serve: recorded by this load, or recorded already by another instance with the same content. */
    record Loaded(LoadedList loaded) implements ListLoad {
        @Override
        public String list() {
            return loaded.list();
        }
    }

    /** The sources hold what is in service already. */
    record Unchanged(ListVersion version) implements ListLoad {
        @Override
        public String list() {
            return version.list();
        }
    }

    /** Nothing changes: the version in service (if any) stays. The reason holds no list data, only what went wrong. */
    record Failed(String list, String source, String reason, Instant at) implements ListLoad {
    }
}
