package org.openkyc.kyc;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.openkyc.api.ApiException;
import org.openkyc.customer.Customers;
import org.openkyc.verification.Reason;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A reviewer's decision on an attempt in {@code under_review} (SPEC §10): passed, failed, or
 * documents requested, through the same transitions as every other change, so the attempt, the
 * customer's state and the SPEC §5.3 events go in the caller's transaction. Kyc does not know who
 * decides: the review package calls this.
 */
@Component
public class ReviewOutcomes {

    /** What a reviewer may ask the customer to upload (SPEC §5.3 {@code document_type}). */
    public static final List<String> REQUESTABLE_DOCUMENTS = List.of("government_id", "proof_of_address", "social_security_card");

    private final Customers customers;
    private final KycRepository repository;
    private final KycTransitions transitions;

    ReviewOutcomes(Customers customers, KycRepository repository, KycTransitions transitions) {
        this.customers = customers;
        this.repository = repository;
        this.transitions = transitions;
    }

    /**
     * Locks the customer, then the attempt, the order every KYC path locks in, for the rest of the
     * caller's transaction; empty when the customer was deleted or the attempt is not the brand's.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<AttemptRecords.Attempt> lockForDecision(UUID brandId, UUID customerId, UUID kycId) {
        if (customers.lockForKyc(brandId, customerId).isEmpty()) {
            return Optional.empty();
        }
        return repository.findForUpdate(kycId).filter(a -> a.brandId().equals(brandId) && a.customerId().equals(customerId))
                .map(AttemptRecords::view);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public AttemptRecords.Attempt pass(UUID kycId, Reason reason) {
        return decide(kycId, KycTransitions.Change.to(KycStatus.PASSED, List.of(reason)));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public AttemptRecords.Attempt fail(UUID kycId, Reason reason) {
        return decide(kycId, KycTransitions.Change.to(KycStatus.FAILED, List.of(reason)));
    }

    /** To {@code document_required} with these documents (each one of {@link #REQUESTABLE_DOCUMENTS}). */
    @Transactional(propagation = Propagation.MANDATORY)
    public AttemptRecords.Attempt requestDocuments(UUID kycId, List<String> documents, Reason reason) {
        if (documents.isEmpty() || !REQUESTABLE_DOCUMENTS.containsAll(documents)) {
            throw new IllegalArgumentException("documents must be some of " + REQUESTABLE_DOCUMENTS);
        }
        return decide(kycId, new KycTransitions.Change(KycStatus.DOCUMENT_REQUIRED, List.of(reason), List.copyOf(documents), List.of(), null));
    }

    private AttemptRecords.Attempt decide(UUID kycId, KycTransitions.Change change) {
        KycAttempt attempt = repository.findForUpdate(kycId).orElseThrow(() -> new IllegalStateException("no attempt " + kycId));
        if (attempt.status() != KycStatus.UNDER_REVIEW) {
            throw ApiException.conflict("kyc_not_under_review", "The KYC attempt is " + attempt.status().wire() + ", no longer under review.");
        }
        return AttemptRecords.view(transitions.apply(attempt, change));
    }
}
