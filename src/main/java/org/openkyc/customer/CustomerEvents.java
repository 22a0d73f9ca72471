package org.openkyc.customer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openkyc.api.Timestamps;
import org.openkyc.outbox.Outbox;
import org.springframework.stereotype.Component;

/** The {@code customer.*} events (SPEC §7.2), appended to the outbox in the caller's transaction. */
@Component
class CustomerEvents {

    static final String CREATED = "customer.created";
    static final String UPDATED = "customer.updated";
    static final String DELETED = "customer.deleted";

    private final Outbox outbox;

    CustomerEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    void emit(String event, Customer customer, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", event);
        payload.put("occurred_at", Timestamps.format(now));
        payload.put("customer_id", customer.customerId().toString());
        payload.put("details", CustomerView.of(customer));
        outbox.append(customer.brandId(), event, customer.customerId(), now, payload);
    }
}
