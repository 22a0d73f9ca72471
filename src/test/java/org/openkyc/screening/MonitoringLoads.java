package org.openkyc.screening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.openkyc.testing.ApiTestBase;
import org.springframework.context.ApplicationContext;

/**
 * For other packages' tests (review): makes the real ongoing monitoring raise a hit, as
 * {@link WatchlistMonitoringTest} does. The 2021-08-18 SDN snapshot goes into service, then the
 * 2024-05-03 one (as the list loader announces them); a customer who passed KYC named like an entry
 * added between them ({@link #LISTED_2024_ONLY}) is raised on the second load, with its review case
 * and its {@code watchlist.match} event. Back and forth is a new run each time, so every call of
 * {@link #raiseAddedEntries()} is a next load that screens the added entries again (a customer
 * raised before is not raised twice, dismissed or not: one hit per customer and entry).
 */
public final class MonitoringLoads {

    /** First, middle and last name and DOB of people on the 2024 snapshot and not on the 2021 one, with their entry. */
    public record ListedPerson(String first, String middle, String last, String dob, String entryId) {

        /** A create-customer body for this person (ApiTestBase's valid one, with their name and DOB, without an SSN). */
        public Map<String, Object> customerBody() {
            return person(first, middle, last, dob);
        }
    }

    /** A create-customer body with this name and DOB, without an SSN (it comes with the KYC start). */
    public static Map<String, Object> person(String first, String middle, String last, String dob) {
        Map<String, Object> body = ApiTestBase.customerBody();
        body.remove("ssn");
        body.put("first_name", first);
        if (middle != null) {
            body.put("middle_name", middle);
        }
        body.put("last_name", last);
        body.put("dob", dob);
        return body;
    }

    /** A live KYC start that passes every check but screening: a valid SSN, a clean phone and e-mail, no IP. */
    public static Map<String, Object> passingKyc(UUID programId, String ssn) {
        Map<String, Object> kyc = ApiTestBase.kycStartBody(programId, ssn);
        kyc.put("phone", "512-867-5309"); // 555 numbers are fictional: live mode refuses them
        kyc.put("email", "person@example.com");
        kyc.remove("ip");
        return kyc;
    }

    public static final List<ListedPerson> LISTED_2024_ONLY = List.of(
            new ListedPerson("Kseniya", "Vladimirovna", "Mishonova", "1972-12-14", "SDN-43232"),
            new ListedPerson("Olena", "Oleksandrivna", "Shapurova", "1976-11-16", "SDN-44678"));

    private static Watchlists lists2021;
    private static Watchlists lists2024;

    private final ApplicationContext context;

    public MonitoringLoads(ApplicationContext context) {
        this.context = context;
    }

    /** Waits until monitoring has screened against the lists the server loaded at its start. */
    public void awaitCaughtUp() {
        WatchlistMonitor monitor = context.getBean(WatchlistMonitor.class);
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(monitor::caughtUp);
    }

    /** Puts the 2021 snapshot into service, then the 2024 one, each time waiting until monitoring screened against it. */
    public void raiseAddedEntries() {
        serve2021();
        serve2024();
    }

    /** Puts only the 2021 snapshot into service (the listed persons above are not on it), waiting for monitoring. */
    public void serve2021() {
        load(snapshot2021());
    }

    /** Puts the 2024 snapshot into service, waiting until monitoring screened against it. */
    public void serve2024() {
        load(snapshot2024());
    }

    private void load(Watchlists lists) {
        context.publishEvent(new WatchlistsReplaced(null, lists, Map.of("SDN", UUID.randomUUID(), "CONS", UUID.randomUUID())));
        MonitoringRepository runs = context.getBean(MonitoringRepository.class);
        String target = ListDelta.digest(ListDelta.fingerprints(lists));
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> ListDelta.digest(runs.monitoredFingerprints()).equals(target));
    }

    private static synchronized Watchlists snapshot2021() {
        if (lists2021 == null) {
            lists2021 = snapshot(TestLists.SNAPSHOT_2021);
        }
        return lists2021;
    }

    private static synchronized Watchlists snapshot2024() {
        if (lists2024 == null) {
            lists2024 = snapshot(TestLists.SNAPSHOT_2024);
        }
        return lists2024;
    }

    private static Watchlists snapshot(String resource) {
        try {
            return Watchlists.load(List.of(OfacList.primaryOnly("SDN", ListSource.classpath(resource)), OfacList.defaultConsolidated()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
