package org.openkyc.kyc;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claims a background worker holds while it works on them (SPEC §5.5, §11.1), and their
 * renewal: a claim is a short lease, renewed three times per lease while the work lasts, up to the
 * worker's deadline, so that the work of a worker that died is taken up soon and a slow piece of
 * work is never taken from a live worker. Used by the evaluator (attempts {@code submitted}) and the
 * document checks (attempts {@code document_required}, whose licence decode can be long).
 */
final class HeldLeases {

    private static final Logger log = LoggerFactory.getLogger(HeldLeases.class);

    private final KycRepository repository;
    private final KycStatus status;
    private final Duration lease;
    private final Duration renewEvery;
    /** Attempts held, until their results are written (what the renewals keep). */
    private final Map<UUID, Held> held = new ConcurrentHashMap<>();

    /** One attempt held: the claim that fences it, when it was claimed and until when it may be renewed. */
    private record Held(int evalCount, Instant claimedAt, Instant deadline) {
    }

    HeldLeases(KycRepository repository, KycStatus status, Duration lease) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalStateException("openkyc.kyc.evaluation-lease and openkyc.kyc.evaluation-deadline must be positive");
        }
        this.repository = repository;
        this.status = status;
        this.lease = lease;
        // Three renewals per lease: one missed (a slow round trip, a pause) still leaves a third of it.
        this.renewEvery = lease.dividedBy(3).toMillis() > 0 ? lease.dividedBy(3) : Duration.ofMillis(1);
    }

    Duration lease() {
        return lease;
    }

    Duration renewEvery() {
        return renewEvery;
    }

    int size() {
        return held.size();
    }

    void hold(List<KycRepository.Claim> claims, Instant claimedAt, Instant deadline) {
        claims.forEach(c -> held.put(c.kycId(), new Held(c.evalCount(), claimedAt, deadline)));
    }

    void release(List<KycRepository.Claim> claims) {
        claims.forEach(c -> held.remove(c.kycId()));
    }

    /**
     * Renews, in one statement, the leases of attempts held since the last renewal round (younger
     * claims still have most of their lease). An attempt held past the deadline is let go: its
     * lease lapses and another worker takes it, counting a try (SPEC §5.5).
     */
    void renew(Instant now) {
        Instant claimedBefore = now.minus(renewEvery);
        Map<UUID, Integer> renew = new HashMap<>();
        held.forEach((kycId, h) -> {
            if (!h.claimedAt().isAfter(claimedBefore) && h.deadline().isAfter(now)) {
                renew.put(kycId, h.evalCount());
            }
        });
        if (!renew.isEmpty()) {
            int renewed = repository.renewLeases(status, renew, now.plus(lease));
            if (renewed < renew.size()) {
                log.info("{} of {} {} attempts lost their lease meanwhile; their results will not be written", renew.size() - renewed,
                        renew.size(), status.wire());
            }
        }
    }
}
