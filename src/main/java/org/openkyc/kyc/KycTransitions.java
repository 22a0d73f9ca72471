package org.openkyc.kyc;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openkyc.db.DbTime;
import org.openkyc.api.Timestamps;
import org.openkyc.customer.Customers;
import org.openkyc.outbox.Outbox;
import org.openkyc.program.Programs;
import org.openkyc.verification.Reason;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies state changes to attempts: the attempt row, the customer's KYC state and the events, in
 * the caller's transaction (SPEC §5.3, §7.3). Which changes are allowed is the state machine's call.
 */
@Component
class KycTransitions {

    private final KycRepository repository;
    private final Customers customers;
    private final Programs programs;
    private final Outbox outbox;
    private final KycProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    KycTransitions(KycRepository repository, Customers customers, Programs programs, Outbox outbox, KycProperties properties, Clock clock,
                   ApplicationEventPublisher events) {
        this.clock = clock;
        this.events = events;
        this.repository = repository;
        this.customers = customers;
        this.programs = programs;
        this.outbox = outbox;
        this.properties = properties;
    }

    /** What comes with a change: reasons, documents to request, fields to re-enter. */
    record Change(KycStatus to, List<Reason> reasons, List<String> documents, List<String> fields, String description) {
        static Change to(KycStatus status, List<Reason> reasons) {
            return new Change(status, reasons, List.of(), List.of(), null);
        }
    }

    /** Records a new attempt and its {@code submitted} event; the customer is marked by {@code Customers.startKyc}. */
    @Transactional(propagation = Propagation.MANDATORY)
    void started(KycAttempt attempt) {
        repository.insert(attempt);
        emit(attempt, KycStateMachine.started(), attempt.dateCreated());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    KycAttempt apply(KycAttempt attempt, Change change) {
        List<String> eventTypes = KycStateMachine.transition(attempt.status(), change.to(), !change.fields().isEmpty());
        Instant now = DbTime.now(clock);
        KycStatus to = change.to();
        Instant documentsDue = to == KycStatus.DOCUMENT_REQUIRED ? now.plus(deadlineDays(attempt), ChronoUnit.DAYS) : null;
        KycAttempt updated = attempt.with(to, change.fields(), change.reasons().isEmpty() ? attempt.reasons() : change.reasons(),
                change.description(), null, documentsDue, to == KycStatus.PASSED ? now : null, now);
        repository.update(updated);
        if (to == KycStatus.DOCUMENT_REQUIRED) {
            repository.requestDocuments(attempt.kycId(), change.documents(), now);
        }
        if (to != KycStatus.SUPERSEDED) {
            // An attempt that ends in error is our fault: it gives its use of an attempt back (SPEC §5.1).
            customers.recordKycState(attempt.customerId(), to.wire(), updated.passedAt(), to == KycStatus.ERROR ? 1 : 0);
        }
        for (String event : eventTypes) {
            emit(updated, event, now);
        }
        announceReview(attempt.status(), updated, now);
        return updated;
    }

    /**
     * Tells review (which kyc does not know) that an attempt entered or left review, synchronously in
     * this transaction: the case opens and closes with the state change.
     */
    private void announceReview(KycStatus from, KycAttempt updated, Instant now) {
        if (from == KycStatus.UNDER_REVIEW && updated.status() != KycStatus.UNDER_REVIEW) {
            events.publishEvent(new AttemptLeftReview(updated.kycId(), updated.brandId(), updated.status().wire(), now));
        }
        if (updated.status() == KycStatus.UNDER_REVIEW) {
            events.publishEvent(new AttemptUnderReview(updated.kycId(), updated.brandId(), updated.customerId(), updated.programId(),
                    List.copyOf(updated.reasons()), now));
        }
    }

    List<Map<String, Object>> documentsView(KycAttempt attempt) {
        String link = properties.publicUrl().replaceAll("/+$", "") + "/api/v0.1/customers/" + attempt.customerId() + "/verification-kyc/documents";
        return repository.documents(attempt.kycId()).stream().map(d -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("document_type", d.documentType());
            view.put("status", d.status());
            view.put("upload_link", link);
            return view;
        }).toList();
    }

    private void emit(KycAttempt attempt, String event, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", event);
        payload.put("customer_id", attempt.customerId().toString());
        payload.put("occurred_at", Timestamps.format(now));
        payload.put("kyc_status", attempt.status().wire());
        payload.put("kyc_id", attempt.kycId().toString());
        payload.put("program_id", attempt.programId().toString());
        if (event.equals(KycStatus.DOCUMENT_REQUIRED.event())) {
            payload.put("documents", documentsView(attempt));
        }
        if (event.equals(KycStateMachine.REENTER_INFORMATION)) {
            payload.put("description", attempt.description());
            payload.put("fields", attempt.fields());
        }
        outbox.appendWithoutPersonalData(attempt.brandId(), event, attempt.customerId(), now, payload);
    }

    private int deadlineDays(KycAttempt attempt) {
        return programs.findRecent(attempt.brandId(), attempt.programId()).map(p -> p.kycPolicy().document_deadline_days()).orElse(30);
    }
}
