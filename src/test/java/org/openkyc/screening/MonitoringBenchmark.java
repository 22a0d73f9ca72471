package org.openkyc.screening;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.openkyc.OpenKycApplication;
import org.openkyc.db.Ids;
import org.openkyc.privacy.PersonalDataCipher;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ongoing monitoring's cost (issue 15), run by bench/p4-monitor: N customers who passed KYC,
 * written to a fresh database of the real server (H2 in memory, live mode), are screened again by
 * the real monitoring run (pages read from the database, DOBs decrypted when a name comes close,
 * hits and events written) when the lists change:
 * <ol>
 * <li>first load of the 2024 SDN release + consolidated: every customer against the whole lists
 * (the baseline: what a re-screen costs without the delta);</li>
 * <li>2024 to 2021-08-18 and back to 2024: the measured update, 2021 to 2024 (three years of
 * changes: thousands of entries added or changed);</li>
 * <li>a day's update: 20 entries of the 2024 lists changed.</li>
 * </ol>
 * Each run is also timed for screening alone (in memory, no database), and extrapolated linearly
 * to 1,000,000 customers (the run reads customers in pages, so its cost is linear in their number).
 *
 * <pre>MonitoringBenchmark [customers (50000)]</pre>
 */
public final class MonitoringBenchmark {

    private static final int PLANTED = 10;

    private MonitoringBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        System.out.printf(Locale.ROOT, "Monitoring benchmark: %,d customers, JDK %s, %d CPUs, load average %.1f%n", n,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Watchlists lists2024 = TestLists.snapshot2024WithConsolidated();
        Watchlists lists2021 = snapshot2021();
        Watchlists daily = changed(lists2024, 20);

        var data = Files.createTempDirectory("openkyc-monitor-bench");
        SpringApplication app = new SpringApplication(OpenKycApplication.class);
        // command-line arguments, so that they win over application.properties
        String[] settings = {
                "--openkyc.mode=live",
                "--openkyc.data-dir=" + data,
                "--openkyc.crypto.data-keys=bench=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "--openkyc.crypto.blind-index-key=AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=",
                "--spring.datasource.url=jdbc:h2:mem:monitor-bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "--server.port=0",
                "--logging.level.root=WARN"};
        try (ConfigurableApplicationContext context = app.run(settings)) {
            // the server's own first load (and its monitoring run, over no customers yet) is not counted
            WatchlistScreening screening = context.getBean(WatchlistScreening.class);
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            while (screening.listsInService().isEmpty()
                    || jdbc.sql("SELECT COUNT(*) FROM watchlist_monitoring_run WHERE done_at IS NULL").query(Long.class).single() > 0) {
                Thread.sleep(50);
            }
            Thread.sleep(1000);
            List<LabelledNames.Labelled> people = customers(lists2021, lists2024, n);
            write(context, people);
            List<String> names = people.stream().map(LabelledNames.Labelled::name).toList();
            jdbc.sql("DELETE FROM watchlist_monitored_entry").update(); // the baseline: nothing monitored yet
            report("baseline: first load, every customer against the whole 2024 lists", context, lists2024, names, n);
            run(context, lists2021);
            report("update 2021-08-18 -> 2024-05-03 (entries added or changed only)", context, lists2024, names, n);
            report("a day's update: 20 entries changed", context, daily, names, n);
            long hits = context.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM watchlist_hit").query(Long.class).single();
            System.out.printf(Locale.ROOT, "hits raised in all: %d (%d customers were named like entries added between 2021 and 2024)%n", hits, PLANTED);
        }
    }

    private static Watchlists snapshot2021() {
        try {
            return Watchlists.load(List.of(OfacList.primaryOnly("SDN", ListSource.classpath(TestLists.SNAPSHOT_2021)), OfacList.defaultConsolidated()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The lists with {@code count} individuals' primary names changed by one letter (a day's corrections). */
    private static Watchlists changed(Watchlists lists, int count) {
        List<WatchlistEntry> entries = new ArrayList<>(lists.entries());
        int done = 0;
        for (int i = 0; i < entries.size() && done < count; i += 97) {
            WatchlistEntry e = entries.get(i);
            if (e.type() == EntryType.INDIVIDUAL) {
                entries.set(i, new WatchlistEntry(e.list(), e.id(), e.name() + "A", e.type(), e.programs(), e.title(), e.aliases(),
                        e.addresses(), e.datesOfBirth(), e.placesOfBirth(), e.nationalities(), e.gender(), e.remarks()));
                done++;
            }
        }
        return Watchlists.of(entries);
    }

    /** Ordinary US names with random DOBs, and a few named like entries added between 2021 and 2024. */
    private static List<LabelledNames.Labelled> customers(Watchlists from, Watchlists to, int n) {
        List<LabelledNames.Labelled> people = new ArrayList<>(new LabelledNames(to, 15).ordinary(n - PLANTED));
        List<WatchlistEntry> added = ListDelta.addedOrChanged(ListDelta.fingerprints(from), to).stream()
                .filter(e -> e.type() == EntryType.INDIVIDUAL && !e.datesOfBirth().isEmpty() && e.datesOfBirth().getFirst().from() != null
                        && e.name().contains(", ") && e.name().split("[ ,]+").length == 3)
                .toList();
        for (int i = 0; i < PLANTED; i++) {
            WatchlistEntry e = added.get(i * (added.size() / PLANTED));
            String[] parts = e.name().split(", ");
            people.add(new LabelledNames.Labelled("planted", parts[1] + " " + parts[0], e.datesOfBirth().getFirst().from(), EntryType.INDIVIDUAL, e.uid()));
        }
        return people;
    }

    private static void write(ConfigurableApplicationContext context, List<LabelledNames.Labelled> people) {
        long started = System.nanoTime();
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        PersonalDataCipher cipher = context.getBean(PersonalDataCipher.class);
        UUID brand = Ids.newId();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("INSERT INTO brand (brand_id, name, sandbox, date_created) VALUES (?, 'bench', FALSE, ?)", brand, now);
        List<Object[]> rows = new ArrayList<>();
        for (LabelledNames.Labelled p : people) {
            UUID id = Ids.newId();
            String[] parts = p.name().split(" ");
            String middle = parts.length > 2 ? String.join(" ", java.util.Arrays.copyOfRange(parts, 1, parts.length - 1)) : null;
            rows.add(new Object[] {id, brand, parts[0], middle, parts[parts.length - 1], cipher.encrypt("customer.dob:" + id, p.dob().toString()), now, now, now});
            if (rows.size() == 5000) {
                insert(jdbc, rows);
            }
        }
        insert(jdbc, rows);
        System.out.printf(Locale.ROOT, "%,d passed customers written in %.1f s%n", people.size(), (System.nanoTime() - started) / 1e9);
    }

    private static void insert(JdbcTemplate jdbc, List<Object[]> rows) {
        jdbc.batchUpdate("""
                INSERT INTO customer (customer_id, brand_id, first_name, middle_name, last_name, dob_enc, kyc_status, kyc_passed_at,
                    kyc_requests_available, date_created, date_updated) VALUES (?, ?, ?, ?, ?, ?, 'passed', ?, 2, ?, ?)""", rows);
        rows.clear();
    }

    /** Puts the lists into service as the loader does and waits for the monitoring run; its wall time in seconds. */
    private static double run(ConfigurableApplicationContext context, Watchlists lists) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        String done = "SELECT COUNT(*) FROM watchlist_monitoring_run WHERE done_at IS NOT NULL";
        long before = jdbc.sql(done).query(Long.class).single();
        long started = System.nanoTime();
        context.publishEvent(new WatchlistsReplaced(null, lists, Map.of("SDN", UUID.randomUUID(), "CONS", UUID.randomUUID())));
        // a cheap poll (one count), not the fingerprints: the wait must not take CPU from the run
        while (jdbc.sql(done).query(Long.class).single() == before) {
            if (System.nanoTime() - started > Duration.ofMinutes(20).toNanos()) {
                throw new IllegalStateException("the monitoring run did not finish within 20 minutes");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static void report(String what, ConfigurableApplicationContext context, Watchlists lists, List<String> names, int n) {
        Map<String, String> before = context.getBean(MonitoringRepository.class).monitoredFingerprints();
        int entries = before.isEmpty() ? lists.entries().size() : ListDelta.addedOrChanged(before, lists).size();
        double wall = run(context, lists);
        double screenOnly = screenOnly(before.isEmpty() ? lists : Watchlists.of(ListDelta.addedOrChanged(before, lists)), names);
        System.out.printf(Locale.ROOT, "%s%n  %,d entries screened against; run (database, decryption, hits, events): %.2f s wall"
                        + " = %,.0f customers/s -> 1,000,000 customers: %.0f s (extrapolated); screening alone, one thread: %.2f s%n",
                what, entries, wall, n / wall, 1_000_000 / (n / wall), screenOnly);
    }

    /** The name-only search of every customer against an index over {@code lists}, on this thread. */
    private static double screenOnly(Watchlists lists, List<String> names) {
        ScreeningIndex index = ScreeningIndex.build(lists);
        long started = System.nanoTime();
        int found = 0;
        for (String name : names) {
            found += index.search(new ScreeningQuery(name, null, EntryType.INDIVIDUAL, 20, 0.80)).size();
        }
        if (found < 0) {
            System.out.println(found);
        }
        return (System.nanoTime() - started) / 1e9;
    }
}
