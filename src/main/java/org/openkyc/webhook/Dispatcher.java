package org.openkyc.webhook;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.openkyc.config.OpenKycProperties;
import org.openkyc.outbox.Outbox;
import org.openkyc.worker.WorkerLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers events (SPEC §7.3): puts the stages together and runs them. One loop fans new outbox
 * events out into deliveries ({@link FanOut}) and claims due ones ({@link DeliveryClaims}); the
 * {@link Senders} take each through the receiver's gate ({@link ReceiverGate}), the signed request
 * ({@link WebhookRequest}), the request ({@link WebhookSender}) and the classification of its
 * outcome ({@link Outcomes}) into the {@link AttemptLog}.
 */
@Component
class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** A sender waits this long for a turn at its receiver; a saturated receiver that answers nothing for this long is parked. */
    private static final java.time.Duration HOST_WAIT = java.time.Duration.ofSeconds(1);

    private final WebhookProperties properties;
    private final FanOut fanOut;
    private final DeliveryClaims claims;
    private final Senders senders;
    private final WebhookSender sender;
    private final AttemptLog attempts;
    private final WorkerLoop loop;

    Dispatcher(WebhookRepository repository, Outbox outbox, TransactionTemplate transactions, WebhookProperties properties,
               OpenKycProperties openKyc, JsonMapper json, MeterRegistry meters, Clock clock) {
        this.properties = properties;
        ReceiverGate gate = new ReceiverGate(properties.perReceiverLimit(), properties.perReceiverMax(), HOST_WAIT, System::nanoTime);
        this.claims = new DeliveryClaims(repository, transactions, gate, properties.timeout(), clock);
        this.fanOut = new FanOut(repository, outbox, transactions, gate, claims, properties.pollInterval(), clock, System::nanoTime);
        GuardedHttpClient client = new GuardedHttpClient(new AddressGuard(properties.networks(), openKyc.sandbox()), properties, Senders.MAX_IN_FLIGHT);
        client.requireEnforced();
        this.sender = new WebhookSender(client, properties.timeout());
        this.attempts = new AttemptLog(repository, transactions, properties.disableAfter(), meters, clock);
        this.senders = new Senders(gate, new WebhookRequest.Builder(json), sender, new Outcomes(new RetrySchedule(properties.retryScale())),
                attempts, outbox, clock, this::wakeUp);
        // Again at once after a full fan-out batch or any dispatch; otherwise when woken (and a
        // moment of gathering) or at the poll interval.
        this.loop = new WorkerLoop("webhook-dispatcher", properties.pollInterval(), properties.gather(),
                () -> (fanOut.due() ? guarded("fan-out", this::fanOut) : 0) >= FanOut.BATCH | guarded("dispatch", this::dispatchDue) > 0);
        outbox.whenEventsCommitted(() -> {
            fanOut.eventsCommitted();
            loop.wakeUpToGather();
        });
    }

    void wakeUp() {
        loop.wakeUp();
    }

    @Override
    public void start() {
        if (properties.workerEnabled()) {
            attempts.start();
            loop.start();
        }
    }

    /**
     * Stops claiming, gives requests in flight a few seconds to finish and be recorded, then stops.
     * Whatever is cut off stays leased and is sent again when its lease ends (at-least-once).
     */
    @Override
    public void stop() {
        loop.stop();
        senders.stop();
        sender.close();
        attempts.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.running();
    }

    /** Fan-out and dispatch fail apart: one that keeps failing must not stop the other. */
    private static int guarded(String what, java.util.function.IntSupplier step) {
        try {
            return step.getAsInt();
        } catch (RuntimeException e) {
            log.warn("{} failed: {}", what, e.getClass().getSimpleName());
            return 0;
        }
    }

    /** New events into deliveries; what free senders can take is sent at once. */
    private int fanOut() {
        FanOut.Result result = fanOut.run(Math.min(properties.batchSize() * 4, senders.free()));
        senders.sendAll(result.leased());
        return result.events();
    }

    /** Due deliveries, as many as there are free senders (up to a batch), claimed and sent. */
    private int dispatchDue() {
        int capacity = Math.min(properties.batchSize(), senders.free());
        if (capacity == 0) {
            return 0;
        }
        Leased due = claims.claim(capacity);
        senders.sendAll(due);
        return due.deliveries().size();
    }
}
