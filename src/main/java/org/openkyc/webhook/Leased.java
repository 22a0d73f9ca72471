package org.openkyc.webhook;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Deliveries leased to this instance to send now, with their subscriptions (null for one deleted meanwhile). */
record Leased(List<WebhookRepository.Delivery> deliveries, Map<UUID, Subscription> subscriptions) {

    static final Leased NONE = new Leased(List.of(), Map.of());
}
