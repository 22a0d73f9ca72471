package org.openkyc.kyc;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * KYC processing settings.
 *
 * @param evaluationDeadline an attempt still {@code submitted} this long after an evaluation
 *                           started is evaluated again (SPEC §5.5)
 * @param evaluationLease    how long an evaluator's claim lasts unless it renews it (it does while
 *                           it works, up to the evaluation deadline): the work of an instance that
 *                           died is taken up again this long after its last renewal
 * @param maxEvaluations     evaluations after which a stuck attempt ends in {@code error}
 * @param retryDelay         wait before evaluating again when a check could not run
 * @param pollInterval       how often an idle evaluator looks for work (it is also woken on submit)
 * @param batchSize          attempts one evaluator claims at a time
 * @param maxBatchSize       attempts one evaluator claims at a time at most while a backlog lasts
 *                           (each full round doubles the claim, up to this)
 * @param parallelRounds     rounds one evaluator runs at once while rounds of the largest size
 *                           still come back full (each on a connection of its own)
 * @param deadlineScanInterval how often document deadlines are checked
 * @param sandboxDelay       simulated provider latency per sandbox evaluation (0 = none)
 * @param publicUrl          base URL of this server, for {@code upload_link}
 * @param startBatchSize     KYC starts committed together in one transaction at most (1: each alone)
 * @param startLanes         transactions of KYC starts running at once
 * @param pacingAfter        how late the evaluator must be (the oldest attempt of a round due this
 *                           long) before new starts wait for it ({@link EvaluationPacing}; 0, the default: never)
 * @param pacingMaxWait      a paced start's longest wait before it goes ahead anyway
 */
@ConfigurationProperties("openkyc.kyc")
record KycProperties(
        @DefaultValue("10m") Duration evaluationDeadline,
        @DefaultValue("30s") Duration evaluationLease,
        @DefaultValue("3") int maxEvaluations,
        @DefaultValue("30s") Duration retryDelay,
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("64") int batchSize,
        @DefaultValue("512") int maxBatchSize,
        @DefaultValue("3") int parallelRounds,
        @DefaultValue("true") boolean workerEnabled,
        @DefaultValue("30s") Duration deadlineScanInterval,
        @DefaultValue("0ms") Duration sandboxDelay,
        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue("16") int startBatchSize,
        @DefaultValue("4") int startLanes,
        @DefaultValue("0s") Duration pacingAfter,
        @DefaultValue("1s") Duration pacingMaxWait) {
}
