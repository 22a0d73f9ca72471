package org.openkyc.kyc;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.openkyc.config.OpenKycProperties;
import org.openkyc.customer.KycCustomers;
import org.openkyc.customer.KycSubject;
import org.openkyc.db.DbTime;
import org.openkyc.privacy.PersonalDataCipher;
import org.openkyc.verification.LicenceCheck;
import org.openkyc.verification.Reason;
import org.openkyc.verification.Verdict;
import org.openkyc.worker.WorkerLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * SPEC §8.3 in the background: attempts whose requested documents are in and include a US licence
 * or state id with a back image ({@link KycDocuments} marks them due) are claimed like evaluations
 * ({@code FOR UPDATE SKIP LOCKED}, a lease), the barcode is decoded and compared off the request
 * thread, and the attempt moves to {@code passed} or {@code under_review} with the check's
 * results, in one transaction with its events. The result is written only if the attempt is still
 * waiting under the same claim (a later upload or a new start fences it off). The leases are
 * renewed while a round works, as the evaluator renews its own ({@link HeldLeases}): a decode of a
 * large image on a busy machine can outlast a lease, and another instance must not take it then.
 */
@Component
class KycDocumentChecks implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KycDocumentChecks.class);
    /** Attempts per round: one decode takes up to a second or two, well inside the lease for all of them. */
    private static final int BATCH = 4;

    private final KycRepository repository;
    private final KycTransitions transitions;
    private final KycCustomers customers;
    private final PersonalDataCipher cipher;
    private final TransactionTemplate transactions;
    private final KycProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final boolean sandbox;
    private final LicenceCheck licences = new LicenceCheck();
    private final WorkerLoop loop;
    private final WorkerLoop renewals;
    /** The attempts of the round in progress, until their results are written. */
    private final HeldLeases held;

    KycDocumentChecks(KycRepository repository, KycTransitions transitions, KycCustomers customers, PersonalDataCipher cipher,
                      TransactionTemplate transactions, KycProperties properties, OpenKycProperties openKyc, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.transitions = transitions;
        this.customers = customers;
        this.cipher = cipher;
        this.transactions = transactions;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.sandbox = openKyc.sandbox();
        this.loop = new WorkerLoop("kyc-document-checks", properties.pollInterval().multipliedBy(5), () -> runOnce() >= BATCH);
        this.held = new HeldLeases(repository, KycStatus.DOCUMENT_REQUIRED,
                properties.evaluationLease().compareTo(properties.evaluationDeadline()) < 0 ? properties.evaluationLease() : properties.evaluationDeadline());
        this.renewals = new WorkerLoop("kyc-document-lease-renewal", held.renewEvery(), this::renewLeases);
    }

    /** Documents were committed: look now instead of at the next poll. */
    void wakeUp() {
        loop.wakeUp();
    }

    @Override
    public void start() {
        if (properties.workerEnabled() && !sandbox) {
            loop.start();
            renewals.start();
        }
    }

    @Override
    public void stop() {
        loop.stop();
        renewals.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.running();
    }

    /** One round: claim, decide each attempt on this thread, write each in its own transaction. Returns how many were claimed. */
    int runOnce() {
        List<KycRepository.Claim> claims = claim();
        finish(claims);
        return claims.size();
    }

    /** Claims the due attempts (a round's worth) and holds them: their leases are renewed until they are released. */
    List<KycRepository.Claim> claim() {
        Instant now = DbTime.now(clock);
        List<KycRepository.Claim> claims = transactions.execute(s -> repository.claimDueDocumentChecks(now, now.plus(held.lease()), BATCH));
        if (claims == null) {
            return List.of();
        }
        held.hold(claims, now, now.plus(properties.evaluationDeadline()));
        return claims;
    }

    /** Renews the leases of the attempts held since the last renewal round (see {@link HeldLeases#renew}). */
    boolean renewLeases() {
        held.renew(DbTime.now(clock));
        return false;
    }

    /** Decides and writes each claimed attempt, then lets the claims go. */
    void finish(List<KycRepository.Claim> claims) {
        try {
            check(claims);
        } finally {
            held.release(claims);
        }
    }

    private void check(List<KycRepository.Claim> claims) {
        for (KycRepository.Claim claim : claims) {
            Verdict verdict;
            try {
                verdict = decide(claim.attempt());
            } catch (RuntimeException e) {
                // Never a pass on a check that failed: a reviewer looks at the documents instead.
                log.warn("document check of {} failed: {}", claim.kycId(), e.getClass().getSimpleName());
                verdict = Verdict.of(Verdict.Kind.UNDER_REVIEW, List.of(Reason.of("documents_not_checked")), List.of());
            }
            write(claim, verdict);
        }
    }

    private Verdict decide(KycAttempt attempt) {
        KycSubject person = customers.kycSubject(attempt.brandId(), attempt.customerId()).orElse(null);
        if (person == null) {
            return Verdict.of(Verdict.Kind.FAILED, List.of(Reason.of("customer_deleted")), List.of());
        }
        byte[] back = repository.governmentIdBack(attempt.kycId())
                .map(sealed -> cipher.decryptBytes(KycDocuments.filePurpose(attempt.kycId(), "government_id", "back"),
                        new String(sealed, StandardCharsets.US_ASCII)))
                .orElse(null);
        // The documents were submitted when the attempt was marked due: the licence must be valid on that day.
        LocalDate submittedOn = LocalDate.ofInstant(attempt.evalDueAt(), ZoneOffset.UTC);
        String purpose = licencePurpose(attempt.kycId());
        return licences.check(back, person, submittedOn, attempt.reasons(),
                decoded -> cipher.encrypt(purpose, json.writeValueAsString(decoded)));
    }

    /** The decoded fields are sealed for their attempt only ({@link AttemptRecords#decodedLicence} opens them). */
    static String licencePurpose(java.util.UUID kycId) {
        return "kyc.licence:" + kycId;
    }

    private void write(KycRepository.Claim claim, Verdict verdict) {
        try {
            transactions.executeWithoutResult(s -> {
                customers.lockForKyc(claim.brandId(), claim.customerId());
                repository.findForUpdate(claim.kycId())
                        .filter(a -> a.status() == KycStatus.DOCUMENT_REQUIRED && a.evalCount() == claim.evalCount() && a.evalDueAt() != null)
                        .ifPresent(attempt -> {
                            Instant now = DbTime.now(clock);
                            repository.insertCheckResults(attempt.kycId(), verdict.results(), now);
                            transitions.apply(attempt, KycTransitions.Change.to(status(verdict), verdict.reasons()));
                        });
            });
        } catch (RuntimeException e) {
            // Its lease lapses and another round takes it up again.
            log.warn("writing the document check of {} failed: {}", claim.kycId(), e.getClass().getSimpleName());
        }
    }

    private static KycStatus status(Verdict verdict) {
        return switch (verdict.kind()) {
            case PASSED -> KycStatus.PASSED;
            case FAILED -> KycStatus.FAILED;
            default -> KycStatus.UNDER_REVIEW;
        };
    }
}
