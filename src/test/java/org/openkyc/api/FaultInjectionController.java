package org.openkyc.api;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Test-only route that fails the way a bug would, to prove a fault never leaks details. */
@Profile("fault-injection")
@RestController
class FaultInjectionController {

    @GetMapping("/api/v0.1/test-faults/boom")
    String boom() {
        throw new IllegalStateException("internal detail that must not leak: SELECT * FROM customer");
    }
}
