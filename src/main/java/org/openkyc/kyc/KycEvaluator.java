package org.openkyc.kyc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.openkyc.api.Timestamps;
import org.openkyc.config.OpenKycProperties;
import org.openkyc.customer.Customers;
import org.openkyc.customer.KycSubject;
import org.openkyc.program.KycPolicy;
import org.openkyc.program.Programs;
import org.openkyc.verification.Applicant;
import org.openkyc.verification.Reason;
import org.openkyc.verification.SandboxOutcomes;
import org.openkyc.verification.VerificationPipeline;
import org.openkyc.verification.Verdict;
import org.openkyc.worker.WorkerLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates submitted attempts in the background (SPEC §5.5, §11.1). Work is claimed from the
 * table with row locks that skip locked rows, so any number of instances share it; a claim is a
 * lease of one evaluation deadline, so an evaluation lost to a crash is simply due again later.
 * The result is written only if the attempt is still submitted under the same claim (a fence
 * against a slow evaluator whose lease ran out).
 */
@Component
class KycEvaluator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KycEvaluator.class);

    private final KycRepository repository;
    private final KycTransitions transitions;
    private final Customers customers;
    private final Programs programs;
    private final VerificationPipeline pipeline;
    private final TransactionTemplate transactions;
    private final KycProperties properties;
    private final boolean sandbox;
    private final Timer latency;
    private final MeterRegistry meters;

    private final WorkerLoop loop;
    private ExecutorService workers;

    KycEvaluator(KycRepository repository, KycTransitions transitions, Customers customers, Programs programs,
                 VerificationPipeline pipeline, TransactionTemplate transactions, KycProperties properties,
                 OpenKycProperties openKyc, MeterRegistry meters) {
        this.repository = repository;
        this.transitions = transitions;
        this.customers = customers;
        this.programs = programs;
        this.pipeline = pipeline;
        this.transactions = transactions;
        this.properties = properties;
        this.sandbox = openKyc.sandbox();
        this.meters = meters;
        this.loop = new WorkerLoop("kyc-evaluator", properties.pollInterval(), () -> runOnce() >= properties.batchSize());
        this.latency = Timer.builder("openkyc.kyc.evaluation").description("Time to evaluate one KYC attempt").register(meters);
    }

    /** Something was submitted: look now instead of at the next poll. */
    void wakeUp() {
        loop.wakeUp();
    }

    @Override
    public void start() {
        if (properties.workerEnabled()) {
            workers = Executors.newVirtualThreadPerTaskExecutor();
            loop.start();
        }
    }

    @Override
    public void stop() {
        loop.stop();
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return loop.running();
    }

    /** One round: claim due attempts and evaluate them in parallel. Returns how many were claimed. */
    int runOnce() {
        Instant now = Timestamps.now();
        List<KycRepository.Claim> claims = transactions.execute(status ->
                repository.claimDueEvaluations(now, now.plus(properties.evaluationDeadline()), properties.batchSize()));
        if (claims == null || claims.isEmpty()) {
            return 0;
        }
        List<Future<?>> running = claims.stream().map(claim -> workers.submit(() -> evaluate(claim))).<Future<?>>map(f -> f).toList();
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (Exception e) {
                log.warn("evaluation failed: {}", e.getClass().getSimpleName());
            }
        }
        return claims.size();
    }

    private void evaluate(KycRepository.Claim claim) {
        Timer.Sample sample = Timer.start(meters);
        KycAttempt attempt = transactions.execute(s -> repository.findForUpdate(claim.kycId()).orElse(null));
        if (attempt == null || attempt.status() != KycStatus.SUBMITTED) {
            return;
        }
        Verdict verdict;
        if (claim.evalCount() > properties.maxEvaluations()) {
            verdict = Verdict.of(Verdict.Kind.RETRY, List.of(new Reason("evaluation_failed",
                    "The evaluation did not complete after " + properties.maxEvaluations() + " tries.")), List.of());
            finish(claim, KycStatus.ERROR, verdict);
            return;
        }
        verdict = decide(attempt);
        if (verdict == null) {
            return;
        }
        if (verdict.kind() == Verdict.Kind.RETRY) {
            transactions.executeWithoutResult(s -> repository.rescheduleEvaluation(claim.kycId(), claim.evalCount(),
                    Timestamps.now().plus(properties.retryDelay())));
            return;
        }
        finish(claim, status(verdict.kind()), verdict);
        sample.stop(latency);
        meters.counter("openkyc.kyc.decisions", "outcome", status(verdict.kind()).wire()).increment();
    }

    private Verdict decide(KycAttempt attempt) {
        KycSubject subject = customers.kycSubject(attempt.brandId(), attempt.customerId()).orElse(null);
        if (subject == null) {
            return Verdict.of(Verdict.Kind.FAILED, List.of(new Reason("customer_deleted", "The customer was deleted.")), List.of());
        }
        if (sandbox) {
            pause();
            return SandboxOutcomes.forSsn(subject.ssn());
        }
        KycPolicy policy = programs.find(attempt.brandId(), attempt.programId()).map(p -> p.kycPolicy()).orElse(KycPolicy.defaults());
        return pipeline.evaluate(new Applicant(subject, attempt.ip(), policy, LocalDate.ofInstant(attempt.dateCreated(), ZoneOffset.UTC)));
    }

    private void finish(KycRepository.Claim claim, KycStatus to, Verdict verdict) {
        transactions.executeWithoutResult(s -> {
            // Customer first, then attempt: the order every API path locks in, so no deadlock.
            customers.lockForKyc(claim.brandId(), claim.customerId());
            KycAttempt current = repository.findForUpdate(claim.kycId()).orElse(null);
            if (current == null || current.status() != KycStatus.SUBMITTED || repository.evalCount(claim.kycId()) != claim.evalCount()) {
                return; // moved on meanwhile (simulation, or another evaluator after our lease ran out)
            }
            repository.insertCheckResults(claim.kycId(), verdict.results(), Timestamps.now());
            transitions.apply(current, new KycTransitions.Change(to, verdict.reasons(), verdict.documents(), verdict.fields(),
                    verdict.description()));
        });
    }

    private static KycStatus status(Verdict.Kind kind) {
        return switch (kind) {
            case PASSED -> KycStatus.PASSED;
            case FAILED -> KycStatus.FAILED;
            case DOCUMENT_REQUIRED -> KycStatus.DOCUMENT_REQUIRED;
            case UNDER_REVIEW -> KycStatus.UNDER_REVIEW;
            case EXPIRED -> KycStatus.EXPIRED;
            case RETRY -> KycStatus.ERROR;
        };
    }

    private void pause() {
        long millis = properties.sandboxDelay().toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
