package org.openkyc.screening;

import java.time.Instant;
import java.util.UUID;

/**
 * One recorded version of a list: where it was read from, the hash of its files, its counts, and
 * when it was recorded ({@code loadedAt}, the same on every instance).
 */
record ListVersion(UUID id, String list, String source, String contentHash, int entries, int names, Instant loadedAt) {
}
