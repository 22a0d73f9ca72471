package org.openkyc.verification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.openkyc.customer.KycSubject;
import org.openkyc.program.ProgramWatchlists;
import org.openkyc.screening.EntryType;
import org.openkyc.screening.Match;
import org.openkyc.screening.ScreeningQuery;
import org.openkyc.screening.ScreeningResult;
import org.openkyc.screening.WatchlistHits;
import org.openkyc.screening.WatchlistScreening;
import org.springframework.stereotype.Component;

/**
 * SPEC §8.1 watchlist: the applicant's full name and DOB screened as a person against the
 * program's lists at the program's {@code watchlist_review_threshold}. A candidate at or over it is
 * {@code watchlist_potential_match} (a reviewer decides); the candidates, best first, are the
 * evidence the reviewer sees beside the applicant: list, entry, its primary and matched name, score,
 * type, programs, DOBs, nationalities and the reason in words. The result, clear or not, records
 * the version of each list screened ({@code list_versions}), so that a decision can be traced to
 * the list data it was made on. A list of the program's not in service yet makes the check not
 * run: the attempt is evaluated again, never passed unscreened.
 */
@Component
final class WatchlistCheck implements Check {

    private static final int SEARCHED = 200;
    private static final int CANDIDATES = 5;

    private final WatchlistScreening screening;
    private final WatchlistHits hits;

    WatchlistCheck(WatchlistScreening screening, WatchlistHits hits) {
        this.screening = screening;
        this.hits = hits;
    }

    @Override
    public String name() {
        return "watchlist";
    }

    @Override
    public List<CheckResult> run(Applicant applicant) {
        return forRound(List.of(applicant)).run(applicant);
    }

    /**
     * The round's customers that reviewers confirmed as a list entry (a confirmed monitoring hit),
     * in one query: SPEC §8.2 fails their new attempts, whatever the screening finds now.
     */
    @Override
    public Check forRound(List<Applicant> applicants) {
        Map<UUID, List<String>> confirmed = hits.confirmedEntries(applicants.stream().map(a -> a.person().customerId()).distinct().toList());
        return new Check() {
            @Override
            public String name() {
                return WatchlistCheck.this.name();
            }

            @Override
            public List<CheckResult> run(Applicant applicant) {
                List<String> entries = confirmed.get(applicant.person().customerId());
                if (entries != null) {
                    return List.of(CheckResult.hit(name(), "watchlist_confirmed_match",
                            "A reviewer confirmed this customer as a sanctions-list entry.", Map.of("entry_ids", entries)));
                }
                return screen(applicant);
            }
        };
    }

    private List<CheckResult> screen(Applicant applicant) {
        List<String> lists = ProgramWatchlists.lists(applicant.policy().watchlists());
        KycSubject person = applicant.person();
        String fullName = Stream.of(person.firstName(), person.middleName(), person.lastName())
                .filter(n -> n != null && !n.isBlank()).collect(Collectors.joining(" "));
        if (lists.isEmpty() || fullName.isBlank()) {
            return List.of();
        }
        // More candidates than are kept: the ones on lists this program does not screen are dropped after the search.
        ScreeningQuery query = new ScreeningQuery(fullName, person.dob(), EntryType.INDIVIDUAL, SEARCHED, applicant.policy().watchlist_review_threshold());
        Optional<ScreeningResult> found = screening.screenWithVersions(query);
        if (found.isEmpty() || !found.get().versions().keySet().containsAll(lists)) {
            return List.of(CheckResult.notRun(name(), "The watchlists are not in service yet."));
        }
        Map<String, String> versions = new LinkedHashMap<>();
        lists.forEach(list -> versions.put(list, found.get().versions().get(list).toString()));
        List<Map<String, Object>> candidates = found.get().matches().stream().filter(m -> lists.contains(m.list())).limit(CANDIDATES)
                .map(WatchlistCheck::evidence).toList();
        if (candidates.isEmpty()) {
            return List.of(new CheckResult(name(), CheckResult.Outcome.CLEAR, null, Map.of("list_versions", versions)));
        }
        return List.of(CheckResult.hit(name(), "watchlist_potential_match",
                "The applicant's name is close to " + candidates.size() + (candidates.size() == 1 ? " sanctions-list entry." : " sanctions-list entries."),
                Map.of("candidates", candidates, "threshold", applicant.policy().watchlist_review_threshold(), "list_versions", versions)));
    }

    private static Map<String, Object> evidence(Match m) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("list", m.list());
        e.put("entry_id", m.entry().uid());
        e.put("primary_name", m.entry().name());
        e.put("matched_name", m.matchedName());
        e.put("matched_as", m.matchedAs());
        e.put("score", Math.round(m.score() * 1000) / 1000.0);
        e.put("type", m.entry().type().name().toLowerCase(java.util.Locale.ROOT));
        e.put("programs", m.entry().programs());
        e.put("dates_of_birth", m.entry().datesOfBirth().stream().map(d -> d.text()).toList());
        e.put("nationalities", m.entry().nationalities());
        e.put("reason", m.reason());
        return e;
    }
}
