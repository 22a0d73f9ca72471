package org.openkyc.kyc;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.openkyc.api.ApiException;
import org.openkyc.customer.KycCustomers;
import org.openkyc.customer.KycSubject;
import org.openkyc.db.GroupCommits;
import org.openkyc.db.GroupCommitter;
import org.openkyc.idempotency.IdempotencyClaim;
import org.openkyc.idempotency.IdempotencyClaims;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Commits KYC starts in groups ({@link GroupCommitter}: lanes, one start per customer in a group,
 * retries alone on a failure): PostgreSQL then does a statement's fixed work, and a commit's, once
 * per group instead of once per start (measured with bench/group-commit: a third of the CPU per
 * start in groups of 8). Most of a group's writes go as one statement per table (multi-row
 * inserts, unnest updates; the expired-key delete stays one per key).
 *
 * <p>What is KYC's here: a group first locks all its customers in one statement, in id order (the
 * evaluator's order), then runs each start's checks against its own locked customer in memory,
 * and stores its idempotency key with its response; the writes and the commit are a second round
 * trip (a program not in the cache, or an attempt waiting for documents that a start replaces,
 * adds its own). A refusal ({@link ApiException}) is that start's own; a taken idempotency key
 * fails the commit without saying whose it was, and its start then answers with the key's holder.
 */
@Component
class KycStartBatcher implements GroupCommitter.Members<KycStartBatcher.Start, KycAttempt> {

    private final KycService service;
    private final KycCustomers customers;
    private final IdempotencyClaims claims;
    private final JsonMapper json;
    private final GroupCommitter<Start, KycAttempt> committer;
    private final EvaluationPacing pacing;

    KycStartBatcher(KycService service, KycCustomers customers, IdempotencyClaims claims, JsonMapper json, KycProperties properties,
                    GroupCommits groups, EvaluationPacing pacing) {
        this.service = service;
        this.pacing = pacing;
        this.customers = customers;
        this.claims = claims;
        this.json = json;
        this.committer = groups.create("kyc-start", "KYC starts", properties.startBatchSize(), properties.startLanes(), this);
    }

    /** A start waiting for its group's commit. {@code claim} is null for a request without an idempotency key. */
    record Start(UUID brandId, UUID customerId, JsonNode body, IdempotencyClaim claim) {
    }

    /**
     * SPEC §5.1, committed with other starts. With a claim, the request's idempotency key is stored
     * with the response in the same commit; when another request holds the key, the claim says so
     * and the answer thrown here is replaced by the idempotency filter's.
     */
    KycAttempt start(UUID brandId, UUID customerId, JsonNode body, IdempotencyClaim claim) {
        pacing.awaitTurn(); // before the line: a paced start holds no place in a group and no connection
        try {
            return committer.commit(new Start(brandId, customerId, body, claim));
        } catch (DataAccessException failed) {
            if (claim != null && IdempotencyClaim.isKeyHeld(failed)) {
                claim.keyHeld(failed);
                throw ApiException.conflict("idempotency_key_in_use", "Another request with this idempotency key ran first.");
            }
            throw failed;
        }
    }

    @Override
    public Object key(Start start) {
        return start.customerId();
    }

    /** All the group's customers are locked first, in one statement, in id order (as the evaluator locks them). */
    @Override
    public Function<Start, KycAttempt> begin(List<Start> group) {
        Map<UUID, KycSubject> locked = customers.lockAllForKycStart(group.stream().map(Start::customerId).toList());
        boolean alone = group.size() == 1;
        return start -> {
            KycAttempt attempt = service.startInTransaction(start.brandId(), start.customerId(), start.body(), locked.get(start.customerId()));
            if (start.claim() != null) {
                claims.store(start.claim(), 201, json.writeValueAsBytes(KycController.started(attempt)), alone);
            }
            return attempt;
        };
    }

    @Override
    public boolean isRefusal(RuntimeException e) {
        return e instanceof ApiException;
    }

    /** A retry of a request that has finished is in the group: which start's key was taken is only in the error's text. */
    @Override
    public boolean isUnnamedMemberFailure(RuntimeException e) {
        return IdempotencyClaim.isKeyHeld(e);
    }
}
