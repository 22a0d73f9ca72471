package org.openkyc.screening;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.openkyc.api.Timestamps;
import org.openkyc.customer.CustomerErased;
import org.openkyc.db.Ids;
import org.openkyc.outbox.Outbox;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/**
 * Monitoring hits: raised once per customer and entry, each with its {@code watchlist.match} event
 * (SPEC §7.2) and a {@link WatchlistMatchRaised} for the review queue, in the transaction that
 * stores it; decided by reviewers through {@link WatchlistHits}.
 */
@Component
class Hits implements WatchlistHits {

    static final String EVENT = "watchlist.match";

    private final HitRepository repository;
    private final Outbox outbox;
    private final ApplicationEventPublisher events;

    Hits(HitRepository repository, Outbox outbox, ApplicationEventPublisher events) {
        this.repository = repository;
        this.outbox = outbox;
        this.events = events;
    }

    @Override
    public Map<UUID, List<String>> confirmedEntries(java.util.Collection<UUID> customerIds) {
        return repository.confirmedEntries(customerIds);
    }

    /** Stores the match as a hit unless the customer already has one for the entry; true when raised. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean raise(UUID brandId, UUID customerId, Match match, String listVersion, Instant now) {
        UUID hitId = Ids.newId();
        if (!repository.insertIfNew(hitId, brandId, customerId, match, listVersion, now)) {
            return false;
        }
        outbox.appendWithoutPersonalData(brandId, EVENT, customerId, now, payload(hitId, customerId, match.list(),
                MatchView.entry(match.entry()), match.matchedName(), match.score(), false, now));
        events.publishEvent(new WatchlistMatchRaised(hitId, brandId, customerId, match.list(), match.entry().uid(), match.score()));
        return true;
    }

    /**
     * The event's body: ids, the list entry (public list data) and the score. The explanation is
     * left out: it quotes the customer's name, and the event is stored and sent in clear.
     */
    private static Map<String, Object> payload(UUID hitId, UUID customerId, String list, Object entry, String matchedName, double score,
            boolean confirmed, Instant now) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("event", EVENT);
        p.put("occurred_at", Timestamps.format(now));
        p.put("customer_id", customerId.toString());
        p.put("hit_id", hitId.toString());
        p.put("list", list);
        p.put("entry", entry);
        p.put("matched_name", matchedName);
        p.put("score", score);
        p.put("confirmed", confirmed);
        return p;
    }

    @Override
    @Transactional
    public void dismiss(UUID hitId, Instant at) {
        decide(hitId, HitRepository.DISMISSED, at);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void confirm(UUID hitId, Instant at) {
        HitRepository.StoredHit hit = decide(hitId, HitRepository.CONFIRMED, at);
        if (hit != null) {
            outbox.appendWithoutPersonalData(hit.brandId(), EVENT, hit.customerId(), at,
                    payload(hitId, hit.customerId(), hit.list(), hit.entry(), hit.matchedName(), hit.score(), true, at));
        }
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void dismissCleared(UUID brandId, UUID customerId, List<Cleared> candidates, Instant at) {
        for (Cleared c : candidates) {
            repository.insertDismissedIfNew(Ids.newId(), brandId, customerId, c, entry(c), at);
        }
    }

    /** The entry as {@link MatchView#entry} shows it, from what the check stored ({@code entry_id} is {@code list-ent_num}). */
    private static Map<String, Object> entry(Cleared c) {
        String entNum = c.entryId().startsWith(c.list() + "-") ? c.entryId().substring(c.list().length() + 1) : c.entryId();
        return MatchView.entry(c.list(), entNum, c.primaryName(), c.type(), c.programs(), c.datesOfBirth(), c.nationalities());
    }

    /**
     * Moves a raised hit to its decision and returns it; null when it already had that decision (a
     * repeated call changes nothing). Deciding otherwise on a decided hit is refused.
     */
    private HitRepository.StoredHit decide(UUID hitId, String status, Instant at) {
        HitRepository.StoredHit hit = repository.find(hitId).orElseThrow(() -> new IllegalArgumentException("no watchlist hit " + hitId));
        if (repository.decide(hitId, status, at)) {
            return hit;
        }
        String now = repository.find(hitId).map(HitRepository.StoredHit::status).orElse(null);
        if (status.equals(now)) {
            return null;
        }
        throw new IllegalStateException("watchlist hit " + hitId + " is " + now + ", it cannot become " + status);
    }

    @Override
    public Optional<Hit> find(UUID hitId) {
        return repository.find(hitId).map(Hits::view);
    }

    List<Hit> forCustomer(UUID customerId) {
        return repository.forCustomer(customerId).stream().map(Hits::view).toList();
    }

    private static Hit view(HitRepository.StoredHit h) {
        JsonNode entry = h.entry();
        return new Hit(h.hitId(), h.brandId(), h.customerId(), h.list(), h.entryId(), h.primaryName(), h.matchedName(),
                entry.path("type").asString(), strings(entry.path("programs")), strings(entry.path("dates_of_birth")), h.score(),
                h.explanation(), h.status());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    @EventListener
    void on(CustomerErased erased) {
        repository.eraseExplanations(erased.brandId(), erased.customerId());
    }
}
