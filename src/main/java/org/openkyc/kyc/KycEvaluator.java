package org.openkyc.kyc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.openkyc.db.DbTime;
import org.openkyc.config.OpenKycProperties;
import org.openkyc.customer.KycCustomers;
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
 * table with row locks that skip locked rows, so any number of instances share it. A claim is a
 * short lease ({@code evaluation-lease}) that the evaluator renews while it works, up to the
 * evaluation deadline: an evaluation lost to a crash is due again once its lease lapses, a slow one
 * is never taken from a live evaluator, a stuck one is taken after the deadline. The result is
 * written only if the attempt is still submitted under the same claim (its evaluation count: a
 * fence against an evaluator whose lease ran out).
 */
@Component
class KycEvaluator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KycEvaluator.class);

    private final KycRepository repository;
    private final KycTransitions transitions;
    private final KycCustomers customers;
    private final Programs programs;
    private final VerificationPipeline pipeline;
    private final TransactionTemplate transactions;
    private final KycProperties properties;
    private final boolean sandbox;
    private final Timer latency;
    private final MeterRegistry meters;
    private final Clock clock;
    private final EvaluationPacing pacing;

    private final WorkerLoop loop;
    private final WorkerLoop renewals;
    private final Duration lease;
    /** Attempts this evaluator works on, until their results are written (what the renewals keep). */
    private final HeldLeases held;
    private ExecutorService workers;
    /** Attempts the next round claims at most: the batch size, doubled after each full round up to the maximum (a backlog). */
    private volatile int claimLimit;

    KycEvaluator(KycRepository repository, KycTransitions transitions, KycCustomers customers, Programs programs,
                 VerificationPipeline pipeline, TransactionTemplate transactions, KycProperties properties,
                 OpenKycProperties openKyc, EvaluationPacing pacing, MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.pacing = pacing;
        this.repository = repository;
        this.transitions = transitions;
        this.customers = customers;
        this.programs = programs;
        this.pipeline = pipeline;
        this.transactions = transactions;
        this.properties = properties;
        this.sandbox = openKyc.sandbox();
        this.meters = meters;
        this.claimLimit = properties.batchSize();
        this.loop = new WorkerLoop("kyc-evaluator", properties.pollInterval(), this::roundFilled);
        this.lease = properties.evaluationLease().compareTo(properties.evaluationDeadline()) < 0
                ? properties.evaluationLease() : properties.evaluationDeadline();
        this.held = new HeldLeases(repository, KycStatus.SUBMITTED, lease);
        this.renewals = new WorkerLoop("kyc-lease-renewal", held.renewEvery(), this::renewLeases);
        Gauge.builder("openkyc.kyc.evaluations.held", held::size).description("KYC attempts this instance is evaluating").register(meters);
        this.latency = Timer.builder("openkyc.kyc.evaluation").description("Time to evaluate one KYC attempt").register(meters);
    }

    /** Something was submitted: look now instead of at the next poll. */
    void wakeUp() {
        loop.wakeUp();
    }

    @Override
    public void start() {
        workers = Executors.newVirtualThreadPerTaskExecutor(); // also without the loop: a round can then be run by hand
        if (properties.workerEnabled()) {
            loop.start();
            renewals.start();
        }
    }

    @Override
    public void stop() {
        loop.stop();
        renewals.stop();
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return loop.running();
    }

    /** What to do with one claimed attempt once it has been decided. */
    private record Outcome(KycRepository.Claim claim, KycStatus to, Verdict verdict) {
    }

    /**
     * One round of the loop; true when it claimed all it asked for (more may be waiting). While
     * rounds come back full, each asks for twice as many, up to {@code max-batch-size}: a round's
     * cost is mostly per statement and per commit, not per attempt, and the loop runs one round at a
     * time, so under a flood of submissions larger rounds are what lets it keep pace (measured with
     * bench/evaluator, docs/DECISIONS.md). A round that finds less goes back to the batch size.
     */
    private boolean roundFilled() {
        int limit = claimLimit;
        int most = Math.max(properties.maxBatchSize(), properties.batchSize());
        boolean full = limit >= most && properties.parallelRounds() > 1 ? parallelRoundsFilled(limit) : runOnce(limit) >= limit;
        claimLimit = full ? Math.min(Math.max(limit * 2, 1), most) : properties.batchSize();
        return full;
    }

    /**
     * A backlog that outlasts the largest rounds: {@code parallel-rounds} rounds at once, each
     * claiming its own attempts (the claims skip each other's rows) on its own connection. One
     * round at a time is one thread here and one PostgreSQL session, a small share of two cores
     * among the dozens of sessions a flood of submissions keeps busy; several get their share each.
     */
    private boolean parallelRoundsFilled(int limit) {
        List<Future<Integer>> rounds = new ArrayList<>();
        for (int i = 0; i < properties.parallelRounds(); i++) {
            rounds.add(workers.submit(() -> runOnce(limit)));
        }
        boolean full = false;
        for (Future<Integer> round : rounds) {
            try {
                full |= round.get() >= limit;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (java.util.concurrent.ExecutionException e) {
                log.warn("evaluation round failed: {}", e.getCause().getClass().getSimpleName());
            }
        }
        return full;
    }

    int runOnce() {
        return runOnce(properties.batchSize());
    }

    /**
     * One round: claim due attempts, decide them (in parallel, since live checks wait on
     * providers), then write all outcomes in one transaction. Returns how many were claimed.
     */
    int runOnce(int limit) {
        Instant now = DbTime.now(clock);
        List<KycRepository.Claim> claims = repository.claimIsOneStatement()
                ? repository.claimDueEvaluations(now, now.plus(lease), limit) // commits by itself
                : transactions.execute(status -> repository.claimDueEvaluations(now, now.plus(lease), limit));
        if (claims == null || claims.isEmpty()) {
            pacing.round(0, Duration.ZERO);
            return 0;
        }
        Duration late = Duration.between(claims.stream().map(c -> c.attempt().evalDueAt()).filter(java.util.Objects::nonNull)
                .min(Instant::compareTo).orElse(now), now);
        Instant deadline = now.plus(properties.evaluationDeadline());
        held.hold(claims, now, deadline);
        try {
            evaluate(claims);
        } finally {
            held.release(claims);
            pacing.round(claims.size(), late.isNegative() ? Duration.ZERO : late);
        }
        return claims.size();
    }

    private void evaluate(List<KycRepository.Claim> claims) {
        Timer.Sample sample = Timer.start(meters);
        Map<UUID, KycSubject> subjects = customers.kycSubjects(claims.stream().map(KycRepository.Claim::customerId).distinct().toList());
        if (sandbox) {
            pause(); // simulated provider latency, once for the batch, as the attempts would wait on it together
        }
        Map<UUID, Applicant> applicants = sandbox ? Map.of() : applicants(claims, subjects);
        // What the checks look up per applicant, looked up for the whole round at once (e.g. one duplicate-SSN query).
        VerificationPipeline.Round round = sandbox ? null : pipeline.round(List.copyOf(applicants.values()));
        List<Future<Outcome>> running = new ArrayList<>();
        for (KycRepository.Claim claim : claims) {
            KycSubject subject = subjects.get(claim.customerId());
            Applicant applicant = applicants.get(claim.kycId());
            running.add(workers.submit(() -> decide(claim, subject == null || !subject.brandId().equals(claim.brandId()) ? null : subject,
                    applicant, round)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : running) {
            try {
                outcomes.add(future.get());
            } catch (Exception e) {
                log.warn("evaluation failed: {}", e.getClass().getSimpleName());
            }
        }
        record(outcomes);
        for (Outcome outcome : outcomes) {
            if (outcome.to() != null) {
                sample.stop(latency);
                meters.counter("openkyc.kyc.decisions", "outcome", outcome.to().wire()).increment();
            }
        }
    }

    /** Renews the leases of the attempts held since the last renewal round (see {@link HeldLeases#renew}). */
    boolean renewLeases() {
        held.renew(DbTime.now(clock));
        return false;
    }

    /** The live checks' applicants of a round, by attempt: those still to be evaluated whose customer is there. */
    private Map<UUID, Applicant> applicants(List<KycRepository.Claim> claims, Map<UUID, KycSubject> subjects) {
        Map<UUID, Applicant> applicants = new HashMap<>();
        for (KycRepository.Claim claim : claims) {
            KycSubject subject = subjects.get(claim.customerId());
            if (claim.evalCount() <= properties.maxEvaluations() && subject != null && subject.brandId().equals(claim.brandId())) {
                KycAttempt attempt = claim.attempt();
                KycPolicy policy = programs.findRecent(attempt.brandId(), attempt.programId()).map(p -> p.kycPolicy()).orElse(KycPolicy.defaults());
                applicants.put(claim.kycId(), new Applicant(subject, attempt.ip(), policy, LocalDate.ofInstant(attempt.dateCreated(), ZoneOffset.UTC)));
            }
        }
        return applicants;
    }

    private Outcome decide(KycRepository.Claim claim, KycSubject subject, Applicant applicant, VerificationPipeline.Round round) {
        if (claim.evalCount() > properties.maxEvaluations()) {
            return new Outcome(claim, KycStatus.ERROR, Verdict.of(Verdict.Kind.RETRY, List.of(Reason.of("evaluation_failed")), List.of()));
        }
        Verdict verdict = decide(subject, applicant, round);
        // A check that could not run: evaluate again later (to == null).
        return new Outcome(claim, verdict.kind() == Verdict.Kind.RETRY ? null : status(verdict.kind()), verdict);
    }

    private Verdict decide(KycSubject subject, Applicant applicant, VerificationPipeline.Round round) {
        if (subject == null) {
            return Verdict.of(Verdict.Kind.FAILED, List.of(Reason.of("customer_deleted")), List.of());
        }
        if (sandbox) {
            return SandboxOutcomes.forSsn(subject.ssn());
        }
        return round.evaluate(applicant);
    }

    /**
     * Writes the outcomes in one transaction: customers locked first, then the attempts, the order
     * every API path locks in, so nothing deadlocks. If the batch fails, each outcome is written on
     * its own, so one bad attempt cannot hold up the others (it is simply due again later).
     */
    private void record(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        try {
            transactions.executeWithoutResult(s -> write(outcomes));
        } catch (RuntimeException batchFailed) {
            log.warn("writing {} evaluations together failed ({}); writing them one by one", outcomes.size(), batchFailed.getClass().getSimpleName());
            for (Outcome outcome : outcomes) {
                try {
                    transactions.executeWithoutResult(s -> write(List.of(outcome)));
                } catch (RuntimeException e) {
                    log.warn("writing evaluation of {} failed: {}", outcome.claim().kycId(), e.getClass().getSimpleName());
                }
            }
        }
    }

    private void write(List<Outcome> outcomes) {
        customers.lockAllForKyc(outcomes.stream().map(o -> o.claim().customerId()).collect(java.util.stream.Collectors.toSet()));
        Map<UUID, KycAttempt> current = repository.lockAll(outcomes.stream().map(o -> o.claim().kycId()).toList());
        Instant now = DbTime.now(clock);
        for (Outcome outcome : outcomes) {
            KycRepository.Claim claim = outcome.claim();
            KycAttempt attempt = current.get(claim.kycId());
            if (attempt == null || attempt.status() != KycStatus.SUBMITTED || attempt.evalCount() != claim.evalCount()) {
                continue; // moved on meanwhile (simulation, or another evaluator after our lease ran out)
            }
            if (outcome.to() == null) {
                repository.rescheduleEvaluation(claim.kycId(), claim.evalCount(), now.plus(properties.retryDelay()));
                continue;
            }
            Verdict verdict = outcome.verdict();
            repository.insertCheckResults(claim.kycId(), verdict.results(), now);
            transitions.apply(attempt, new KycTransitions.Change(outcome.to(), verdict.reasons(), verdict.documents(), verdict.fields(),
                    verdict.description()));
        }
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
