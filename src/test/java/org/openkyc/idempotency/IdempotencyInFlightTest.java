package org.openkyc.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Gate;
import org.openkyc.testing.Http;
import org.springframework.test.context.ActiveProfiles;

/**
 * Two requests with one key, overlapping: each does its work, the first to commit holds the key,
 * and the other, finding it held when it commits (waiting for the holder if it has not committed),
 * rolls back and answers with the holder's outcome. Exactly one of them takes effect.
 */
@ActiveProfiles("fault-injection")
class IdempotencyInFlightTest extends ApiTestBase {

    @Test
    void aRetryDuringTheFirstRequestGetsTheFirstOutcome() throws Exception {
        Brand brand = newBrand();
        Http keyed = brand.api().with("Idempotency-Key", "slow-first");
        Http.Response retry;
        Http.Response slow;
        try (Gate held = Gate.open(); Gate open = Gate.open()) {
            CompletableFuture<Http.Response> first = CompletableFuture.supplyAsync(
                    () -> keyed.send("POST", "/api/v0.1/test-faults/held?gate=" + held.name(), "{}", "application/json"));
            held.awaitReached(); // the first request is doing its work, its key not committed

            open.release();
            retry = keyed.send("POST", "/api/v0.1/test-faults/held?gate=" + open.name(), "{}", "application/json");
            held.release();
            slow = first.get();
        }

        // The retry finishes first and commits first: it holds the key, and the slow first request,
        // finding the key held when it commits, rolls back and answers with the retry's outcome.
        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(slow.status()).as(slow.toString()).isEqualTo(409);
        assertThat(slow.json().get("code").stringValue()).isEqualTo("idempotency_key_exists");
        assertThat(slow.json().get("payload_matches").booleanValue()).isTrue();
        assertThat(slow.json().get("original_response").get("body")).isEqualTo(retry.json());
    }
}
