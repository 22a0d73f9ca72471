package org.openkyc.screening;

import java.io.IOException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.openkyc.db.DbTime;
import org.openkyc.db.Ids;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads one list: from its configured sources (fetched, compared by hash with the version in
 * service, parsed, checked for shrinkage, recorded as a version), or from a version another
 * instance recorded in the database. Every failure becomes a {@link ListLoad.Failed}; nothing
 * here changes what is in service.
 */
@Component
class ListLoader {

    private final SourceFetcher fetcher;
    private final ListVersionRepository versions;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final double maxShrink;

    ListLoader(ListLoadingProperties properties, ListVersionRepository versions, TransactionTemplate transactions, Clock clock) {
        this.fetcher = new SourceFetcher(properties.connectTimeout(), properties.readTimeout(), properties.maxFileSize().toBytes());
        this.versions = versions;
        this.transactions = transactions;
        this.clock = clock;
        this.maxShrink = properties.maxShrink();
    }

    /** Why a list that had {@code before} entries may not be replaced by one of {@code after}; null when it may. */
    static String shrinkRefusal(int before, int after, double maxShrink) {
        if (after >= before * (1 - maxShrink)) {
            return null;
        }
        return "the list shrank from " + before + " to " + after + " entries, more than the " + Math.round(maxShrink * 100)
                + " % allowed (openkyc.screening.max-shrink)";
    }

    ListLoad fromSources(ListLoadingProperties.ListSpec spec, LoadedList inService) {
        String source = describe(spec);
        ListContent content;
        try {
            content = fetch(spec);
        } catch (IOException e) {
            return failed(spec.list(), source, "fetch failed: " + e.getMessage());
        }
        if (inService != null && inService.version().contentHash().equals(content.hash())) {
            return new ListLoad.Unchanged(inService.version());
        }
        List<WatchlistEntry> entries;
        try {
            entries = parsed(content);
        } catch (IOException e) {
            return failed(spec.list(), source, "unparseable: " + e.getMessage());
        }
        try {
            return record(content, source, entries);
        } catch (Refused e) {
            return failed(spec.list(), source, e.getMessage());
        } catch (DataAccessException | org.springframework.transaction.TransactionException e) {
            // TransactionException too: a database out of reach fails at the transaction's start.
            return failed(spec.list(), source, "the version could not be recorded: " + e.getClass().getSimpleName());
        }
    }

    /** The version another instance recorded (or this one, before a restart). */
    ListLoad fromDatabase(String list, UUID versionId) {
        try {
            ListVersion version = versions.find(versionId).orElseThrow(() -> new IOException("version " + versionId + " is not recorded"));
            byte[] stored = versions.content(versionId).orElseThrow(() -> new IOException("version " + versionId + " has no content"));
            ListContent content = ListContent.decompress(list, stored);
            if (!content.hash().equals(version.contentHash())) {
                throw new IOException("the stored content of version " + versionId + " does not match its hash");
            }
            return new ListLoad.Loaded(new LoadedList(version, parsed(content), DbTime.now(clock)));
        } catch (IOException e) {
            return failed(list, "database", e.getMessage());
        } catch (DataAccessException | org.springframework.transaction.TransactionException e) {
            return failed(list, "database", "the version could not be read: " + e.getClass().getSimpleName());
        }
    }

    private ListContent fetch(ListLoadingProperties.ListSpec spec) throws IOException {
        Map<ListPart, byte[]> files = new EnumMap<>(ListPart.class);
        for (Map.Entry<ListPart, String> file : spec.files().entrySet()) {
            try {
                files.put(file.getKey(), fetcher.fetch(file.getValue()));
            } catch (IOException e) {
                throw new IOException(file.getKey().fileName(spec.list()) + ": " + e.getMessage(), e);
            }
        }
        return ListContent.of(spec.list(), files);
    }

    /** The entries; a file that parses to none, or fails to parse at all, is an IOException. */
    private static List<WatchlistEntry> parsed(ListContent content) throws IOException {
        List<WatchlistEntry> entries;
        try {
            entries = content.parse();
        } catch (RuntimeException e) {
            throw new IOException(e.getClass().getSimpleName() + " while parsing");
        }
        if (entries.isEmpty()) {
            throw new IOException("no entries");
        }
        return entries;
    }

    /**
     * Records the content as the list's new version unless the current one has the same hash
     * (another instance fetched it first: that version is served), or unless the list shrank too
     * much since it. The list's row is locked meanwhile, so the same content is recorded once.
     */
    private ListLoad record(ListContent content, String source, List<WatchlistEntry> entries) {
        byte[] compressed = content.compressed();
        ListVersion recorded = transactions.execute(status -> {
            var current = versions.lockCurrent(content.list());
            if (current.isPresent() && current.get().contentHash().equals(content.hash())) {
                return current.get();
            }
            String refusal = current.map(c -> shrinkRefusal(c.entries(), entries.size(), maxShrink)).orElse(null);
            if (refusal != null) {
                throw new Refused(refusal);
            }
            ListVersion version = new ListVersion(Ids.newId(), content.list(), source, content.hash(), entries.size(),
                    names(entries), DbTime.now(clock));
            versions.insertCurrent(version, compressed);
            return version;
        });
        return new ListLoad.Loaded(new LoadedList(recorded, entries, DbTime.now(clock)));
    }

    private static int names(List<WatchlistEntry> entries) {
        return entries.stream().mapToInt(e -> 1 + e.aliases().size()).sum();
    }

    private ListLoad.Failed failed(String list, String source, String reason) {
        return new ListLoad.Failed(list, source, reason, DbTime.now(clock));
    }

    /** The files' locations as shown (URLs without credentials or query), primary first. */
    static String describe(ListLoadingProperties.ListSpec spec) {
        return spec.files().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(f -> SourceFetcher.shown(f.getValue())).collect(Collectors.joining(" "));
    }

    private static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}
