package org.openkyc.api;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Test-only routes: one fails the way a bug would (a fault never leaks details), others take their time. */
@Profile("fault-injection")
@RestController
class FaultInjectionController {

    @GetMapping("/api/v0.1/test-faults/boom")
    String boom() {
        throw new IllegalStateException("internal detail that must not leak: SELECT * FROM customer");
    }

    @GetMapping("/api/v0.1/test-faults/slow")
    String slow(@org.springframework.web.bind.annotation.RequestParam long ms) throws InterruptedException {
        Thread.sleep(ms);
        return "{}";
    }

    /** A POST (so idempotency keys apply) that takes its time and answers something new each call. */
    @org.springframework.web.bind.annotation.PostMapping(value = "/api/v0.1/test-faults/slow", produces = "application/json")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    String slowPost(@org.springframework.web.bind.annotation.RequestParam long ms) throws InterruptedException {
        Thread.sleep(ms);
        return "{\"id\": \"" + java.util.UUID.randomUUID() + "\"}";
    }
}
