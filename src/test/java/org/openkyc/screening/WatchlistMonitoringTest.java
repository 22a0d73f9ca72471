package org.openkyc.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openkyc.config.OpenKycProperties;
import org.openkyc.customer.Customers;
import org.openkyc.program.Programs;
import org.openkyc.testing.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/**
 * Ongoing monitoring (SPEC §9) from the HTTP API and the database: customers pass live KYC, then
 * the 2021-08-18 SDN snapshot and the 2024-05-03 one go into service (as the list loader announces
 * them); a customer named like an entry added between them is raised once, on the second load,
 * with its watchlist.match event; a dismissed candidate is not raised again; two monitors on one
 * database (two instances) share one run, and one that stops half-way is taken over.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(WatchlistMonitoringTest.Recorder.class)
class WatchlistMonitoringTest extends LiveListsTestBase {

    private static final Watchlists LISTS_2021 = snapshot(TestLists.SNAPSHOT_2021);
    private static final Watchlists LISTS_2024 = snapshot(TestLists.SNAPSHOT_2024);

    /** What review would receive: every WatchlistMatchRaised, and whether it came inside a transaction. */
    @TestConfiguration
    static class Recorder {
        final List<WatchlistMatchRaised> raised = new CopyOnWriteArrayList<>();
        final List<Boolean> inTransaction = new CopyOnWriteArrayList<>();

        @EventListener
        void on(WatchlistMatchRaised event) {
            raised.add(event);
            inTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
        }
    }

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    MonitoringRepository runs;
    @Autowired
    WatchlistHits hits;
    @Autowired
    Hits hitStore;
    @Autowired
    Recorder recorder;
    @Autowired
    Customers customers;
    @Autowired
    Programs programs;
    @Autowired
    CustomerPrograms customerPrograms;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Clock clock;
    @Autowired
    OpenKycProperties properties;

    @Autowired
    WatchlistMonitor monitor;
    @Autowired
    WatchlistLifecycle lifecycle;

    private int ssnSerial = 4500;

    /** The server's own first load is announced and monitored before a test announces lists of its own. */
    @BeforeEach
    void serverCaughtUp() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(monitor::caughtUp);
    }

    private static Watchlists snapshot(String resource) {
        try {
            return Watchlists.load(List.of(OfacList.primaryOnly("SDN", ListSource.classpath(resource)), OfacList.defaultConsolidated()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the lists with one entry's aliases extended: the entry's content changed. */
    private static Watchlists withAliasAdded(Watchlists lists, String uid) {
        List<WatchlistEntry> entries = new ArrayList<>();
        for (WatchlistEntry e : lists.entries()) {
            if (e.uid().equals(uid)) {
                List<Alias> aliases = new ArrayList<>(e.aliases());
                aliases.add(new Alias("aka", "TEST ALIAS " + UUID.randomUUID(), false));
                e = new WatchlistEntry(e.list(), e.id(), e.name(), e.type(), e.programs(), e.title(), aliases, e.addresses(),
                        e.datesOfBirth(), e.placesOfBirth(), e.nationalities(), e.gender(), e.remarks());
            }
            entries.add(e);
        }
        return Watchlists.of(entries);
    }

    private static WatchlistsReplaced replaced(Watchlists lists) {
        return new WatchlistsReplaced(null, lists, Map.of("SDN", UUID.randomUUID(), "CONS", UUID.randomUUID()));
    }

    /** Puts the lists into service as the loader does, and waits for monitoring to have screened against them. */
    private WatchlistsReplaced load(Watchlists lists) {
        WatchlistsReplaced event = replaced(lists);
        events.publishEvent(event);
        awaitMonitored(lists);
        return event;
    }

    private void awaitMonitored(Watchlists lists) {
        String target = ListDelta.digest(ListDelta.fingerprints(lists));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> ListDelta.digest(runs.monitoredFingerprints()).equals(target));
    }

    /** A customer who passes live KYC (the shipped lists do not hold them), or goes to review. */
    private UUID passedCustomer(Brand brand, String first, String middle, String last, String dob) {
        return passedCustomer(brand, brand.programId(), first, middle, last, dob);
    }

    /** The same, through one of the brand's programs. */
    private UUID passedCustomer(Brand brand, UUID programId, String first, String middle, String last, String dob) {
        return kycCustomer(brand, programId, first, middle, last, dob, "passed");
    }

    /** A customer whose live KYC ends in {@code expected}. */
    private UUID kycCustomer(Brand brand, UUID programId, String first, String middle, String last, String dob, String expected) {
        String id = createCustomer(brand, MonitoringLoads.person(first, middle, last, dob));
        Map<String, Object> kyc = MonitoringLoads.passingKyc(programId, "401-23-" + ssnSerial++);
        assertThat(brand.api().post("/api/v0.1/customers/" + id + "/verification-kyc", kyc).status()).isEqualTo(201);
        JsonNode status = awaitKycStatus(brand, id, "passed", "under_review", "failed", "document_required");
        assertThat(status.get("kyc_status").stringValue()).as(status.toString()).isEqualTo(expected);
        return UUID.fromString(id);
    }

    private List<JsonNode> matchEvents(UUID customerId) {
        return jdbc.sql("SELECT payload FROM outbox_event WHERE customer_id = ? AND event_type = 'watchlist.match' ORDER BY event_seq")
                .param(customerId).query(String.class).list().stream().map(Http.JSON::readTree).toList();
    }

    @Test
    void aCustomerNamedLikeAnEntryAddedBetweenTheSnapshotsIsRaisedOnceOnTheSecondLoad(CapturedOutput output) {
        Brand brand = newBrand();
        UUID customer = passedCustomer(brand, "Kseniya", "Vladimirovna", "Mishonova", "1972-12-14");

        load(LISTS_2021);
        assertThat(hitStore.forCustomer(customer)).as("not on the 2021 list").isEmpty();

        load(LISTS_2024);
        List<WatchlistHits.Hit> raised = hitStore.forCustomer(customer);
        assertThat(raised).hasSize(1);
        WatchlistHits.Hit hit = raised.getFirst();
        assertThat(hit.entryId()).isEqualTo("SDN-43232");
        assertThat(hit.brandId()).isEqualTo(brand.brandId());
        assertThat(hit.primaryName()).isEqualTo("MISHONOVA, Kseniya Vladimirovna");
        assertThat(hit.entryType()).isEqualTo("individual");
        assertThat(hit.datesOfBirth()).containsExactly("14 Dec 1972");
        assertThat(hit.score()).isGreaterThanOrEqualTo(0.85);
        assertThat(hit.explanation()).contains("DOB matches");
        assertThat(hit.status()).isEqualTo("raised");
        assertThat(hits.find(hit.hitId())).contains(hit);

        List<JsonNode> sent = matchEvents(customer);
        assertThat(sent).hasSize(1);
        JsonNode event = sent.getFirst();
        assertThat(event.get("event").stringValue()).isEqualTo("watchlist.match");
        assertThat(event.get("customer_id").stringValue()).isEqualTo(customer.toString());
        assertThat(event.get("hit_id").stringValue()).isEqualTo(hit.hitId().toString());
        assertThat(event.get("entry").get("entry_id").stringValue()).isEqualTo("SDN-43232");
        assertThat(event.get("score").doubleValue()).isEqualTo(hit.score());
        assertThat(event.get("confirmed").booleanValue()).isFalse();
        assertThat(event.propertyNames()).as("list data and ids; the explanation, which quotes the customer, stays out")
                .containsExactly("event", "occurred_at", "customer_id", "hit_id", "list", "entry", "matched_name", "score", "confirmed");
        assertThat(event.toString()).doesNotContain("1972-12-14");
        assertThat(recorder.raised).filteredOn(r -> r.customerId().equals(customer))
                .containsExactly(new WatchlistMatchRaised(hit.hitId(), brand.brandId(), customer, "SDN", "SDN-43232", hit.score()));
        assertThat(recorder.inTransaction).doesNotContain(false);

        // the same lists again change nothing; the entry changed is screened again but not raised twice
        load(LISTS_2024);
        load(withAliasAdded(LISTS_2024, "SDN-43232"));
        assertThat(hitStore.forCustomer(customer)).hasSize(1);
        assertThat(matchEvents(customer)).hasSize(1);

        transactions.executeWithoutResult(s -> hits.confirm(hit.hitId(), clock.instant()));
        transactions.executeWithoutResult(s -> hits.confirm(hit.hitId(), clock.instant()));
        assertThat(hits.find(hit.hitId()).orElseThrow().status()).isEqualTo("confirmed");
        assertThat(matchEvents(customer)).as("confirmed once, told once").hasSize(2);
        assertThat(matchEvents(customer).getLast().get("confirmed").booleanValue()).isTrue();
        assertThatThrownBy(() -> hits.dismiss(hit.hitId(), clock.instant())).isInstanceOf(IllegalStateException.class);

        assertThat(output.getAll()).contains("watchlist monitoring run").doesNotContain("Kseniya").doesNotContain("Mishonova")
                .doesNotContain("1972-12-14");
    }

    @Test
    void aDismissedCandidateIsNotRaisedAgain() {
        Brand brand = newBrand();
        UUID customer = passedCustomer(brand, "Olena", "Oleksandrivna", "Shapurova", "1976-11-16");
        load(LISTS_2021);
        load(LISTS_2024);
        List<WatchlistHits.Hit> raised = hitStore.forCustomer(customer);
        assertThat(raised).extracting(WatchlistHits.Hit::entryId).containsExactly("SDN-44678");

        hits.dismiss(raised.getFirst().hitId(), clock.instant());
        hits.dismiss(raised.getFirst().hitId(), clock.instant());
        load(withAliasAdded(LISTS_2024, "SDN-44678"));
        load(LISTS_2021);
        load(LISTS_2024);
        assertThat(hitStore.forCustomer(customer)).singleElement().extracting(WatchlistHits.Hit::status).isEqualTo("dismissed");
        assertThat(matchEvents(customer)).hasSize(1);
    }

    /** A program of the brand (not its default) screening these lists at this threshold. */
    private static UUID program(Brand brand, String name, List<String> watchlists, double threshold) {
        Http.Response created = brand.api().post("/api/v0.1/programs", Map.of("name", name, "kyc_policy",
                Map.of("watchlists", watchlists, "watchlist_review_threshold", threshold)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("program_id").stringValue());
    }

    @Test
    void eachCustomerIsMonitoredWithTheListsAndThresholdOfTheirOwnProgram() {
        Brand brand = newBrand();
        UUID consolidatedOnly = program(brand, "Consolidated only", List.of("ofac_consolidated"), 0.85);
        UUID strict = program(brand, "Strict threshold", List.of("ofac_sdn", "ofac_consolidated"), 0.99);
        // One person four times: the brand's default program (SDN and consolidated at 0.85) and two others
        UUID onDefault = passedCustomer(brand, "Kseniya", "Vladimirovna", "Mishonova", "1972-12-14");
        UUID onConsolidated = passedCustomer(brand, consolidatedOnly, "Kseniya", "Vladimirovna", "Mishonova", "1972-12-14");
        // A near name (a transliteration variant, no middle name; ~0.96): over the default threshold, under the strict one
        UUID nearOnDefault = passedCustomer(brand, "Ksenia", null, "Mishonova", "1972-12-14");
        UUID nearOnStrict = passedCustomer(brand, strict, "Ksenia", null, "Mishonova", "1972-12-14");

        load(LISTS_2021);
        load(LISTS_2024);
        assertThat(hitStore.forCustomer(onDefault)).extracting(WatchlistHits.Hit::entryId).containsExactly("SDN-43232");
        assertThat(hitStore.forCustomer(onConsolidated)).as("their program does not screen the SDN list").isEmpty();
        List<WatchlistHits.Hit> near = hitStore.forCustomer(nearOnDefault);
        assertThat(near).extracting(WatchlistHits.Hit::entryId).containsExactly("SDN-43232");
        assertThat(near.getFirst().score()).isBetween(0.85, 0.99);
        assertThat(hitStore.forCustomer(nearOnStrict)).as("under their program's threshold").isEmpty();
        assertThat(matchEvents(onConsolidated)).isEmpty();
        assertThat(matchEvents(nearOnStrict)).isEmpty();
    }

    /** A reviewer account (role reviewer or supervisor) and the API as they call it. */
    private Http reviewer(String role) {
        JsonNode created = admin().post("/admin/reviewers", Map.of("username", "r-" + UUID.randomUUID().toString().substring(0, 8), "role", role))
                .json();
        String token = admin().post("/admin/reviewers/" + created.get("reviewer_id").stringValue() + "/tokens", Map.of()).json()
                .get("token").stringValue();
        return anonymous().with("Authorization", "Bearer " + token);
    }

    /** Decides the customer's open case at its current version over the review API; the response's body. */
    private JsonNode decide(Http reviewer, UUID customerId, String action, String reasonCode, String note) {
        UUID caseId = jdbc.sql("SELECT case_id FROM review_case WHERE customer_id = ? AND status IN ('open', 'pending_approval')")
                .param(customerId).query(UUID.class).single();
        int version = reviewer.get("/api/v0.1/review/cases/" + caseId).json().get("version").asInt();
        Http.Response decided = reviewer.post("/api/v0.1/review/cases/" + caseId + "/decision",
                Map.of("version", version, "action", action, "reason_code", reasonCode, "note", note));
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        return decided.json();
    }

    /**
     * A listed person cleared at KYC by two people: the candidates they cleared are dismissed hits
     * of that customer, so a list update that changes the entry (and the change back) does not raise
     * it for them, while another customer on the same entry, still in review, is raised; a rejected
     * customer gets no dismissal (and is no longer monitored).
     */
    @Test
    void candidatesClearedAtKycAreNotRaisedAgainForThatCustomerOnly() {
        Brand brand = newBrand();
        UUID cleared = kycCustomer(brand, brand.programId(), "Ayman", null, "Al-Zawahiri", "1951-06-19", "under_review");
        UUID rejected = kycCustomer(brand, brand.programId(), "Ayman", null, "Al-Zawahiri", "1951-06-19", "under_review");
        UUID inReview = kycCustomer(brand, brand.programId(), "Ayman", null, "Al-Zawahiri", "1951-06-19", "under_review");
        Http reviewer = reviewer("reviewer");
        Http supervisor = reviewer("supervisor");
        String note = "Passport DOB 1990; the entry is born 1951.";

        JsonNode first = decide(reviewer, cleared, "approve", "watchlist_false_positive", note);
        assertThat(first.get("status").stringValue()).isEqualTo("pending_approval");
        assertThat(hitStore.forCustomer(cleared)).as("one approval clears nothing").isEmpty();
        assertThat(decide(supervisor, cleared, "approve", "watchlist_false_positive", note).get("kyc_status").stringValue()).isEqualTo("passed");
        assertThat(decide(reviewer, rejected, "reject", "watchlist_confirmed", "Same DOB and place of birth.").get("kyc_status")
                .stringValue()).isEqualTo("failed");

        List<WatchlistHits.Hit> dismissed = hitStore.forCustomer(cleared);
        assertThat(dismissed).extracting(WatchlistHits.Hit::entryId).contains("SDN-2676");
        assertThat(dismissed).allSatisfy(h -> {
            assertThat(h.status()).isEqualTo("dismissed");
            assertThat(h.brandId()).isEqualTo(brand.brandId());
        });
        WatchlistHits.Hit entry = dismissed.stream().filter(h -> h.entryId().equals("SDN-2676")).findFirst().orElseThrow();
        assertThat(entry.primaryName()).contains("ZAWAHIRI");
        assertThat(entry.entryType()).isEqualTo("individual");
        assertThat(entry.programs()).contains("SDGT");
        assertThat(hitStore.forCustomer(rejected)).isEmpty();
        assertThat(hitStore.forCustomer(inReview)).isEmpty();

        Watchlists served = lifecycle.current().index().lists();
        load(withAliasAdded(served, "SDN-2676"));
        load(served);
        assertThat(hitStore.forCustomer(cleared)).as("still only the dismissals").containsExactlyElementsOf(dismissed);
        assertThat(matchEvents(cleared)).isEmpty();
        assertThat(hitStore.forCustomer(inReview)).extracting(WatchlistHits.Hit::entryId, WatchlistHits.Hit::status)
                .contains(org.assertj.core.groups.Tuple.tuple("SDN-2676", "raised"));
        assertThat(matchEvents(inReview)).extracting(e -> e.get("entry").get("entry_id").stringValue()).containsOnlyOnce("SDN-2676");
        assertThat(hitStore.forCustomer(rejected)).isEmpty();
    }

    private WatchlistMonitor instance(int pageSize) {
        return new WatchlistMonitor(runs, customers, programs, customerPrograms, hitStore, transactions, clock, properties, pageSize, Duration.ofHours(1));
    }

    @Test
    void twoInstancesShareOneRunAndOneThatStopsIsTakenOver() throws Exception {
        load(LISTS_2021);
        Brand brand = newBrand();
        UUID radic = passedCustomer(brand, "Radovan", null, "Radic", "1981-10-19");
        UUID klimov = passedCustomer(brand, "Andrey", "Akardyevich", "Klimov", "1954-11-09");
        long monitored = jdbc.sql("SELECT COUNT(*) FROM customer WHERE kyc_status IN ('passed', 'under_review') AND deleted_at IS NULL")
                .query(Long.class).single();

        // The 2024 lists reach two instances of one page each; the first stops after one page (killed)
        WatchlistsReplaced update = replaced(LISTS_2024);
        WatchlistMonitor first = instance(1);
        first.on(update);
        assertThat(first.round()).as("one page done, more to come").isTrue();
        WatchlistMonitor second = instance(1);
        WatchlistMonitor third = instance(1);
        second.on(update);
        third.on(update);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> pages = new ArrayList<>();
            for (WatchlistMonitor m : List.of(second, third)) {
                pages.add(pool.submit(() -> {
                    int done = 0;
                    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    String target = ListDelta.digest(ListDelta.fingerprints(LISTS_2024));
                    while (!ListDelta.digest(runs.monitoredFingerprints()).equals(target) && System.nanoTime() < until) {
                        if (m.round()) {
                            done++;
                        }
                    }
                    return done;
                }));
            }
            for (Future<Integer> f : pages) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        awaitMonitored(LISTS_2024);

        Map<String, Object> run = jdbc.sql("SELECT screened, done_at FROM watchlist_monitoring_run WHERE run_key LIKE ? ORDER BY done_at DESC")
                .param("%>" + ListDelta.digest(ListDelta.fingerprints(LISTS_2024)) + "#%").query().listOfRows().getFirst();
        assertThat(((Number) run.get("screened")).longValue()).as("each customer screened once, by one of the instances").isEqualTo(monitored);
        assertThat(hitStore.forCustomer(radic)).extracting(WatchlistHits.Hit::entryId).containsExactly("SDN-33872");
        assertThat(hitStore.forCustomer(klimov)).extracting(WatchlistHits.Hit::entryId).containsExactly("SDN-36802");
        assertThat(matchEvents(radic)).hasSize(1);
        assertThat(matchEvents(klimov)).hasSize(1);
        load(LISTS_2024); // the server's own monitor serves what the instances above served: nothing left to do
        assertThat(monitor.caughtUp()).isTrue();
    }
}
