package org.openkyc.webhook;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openkyc.api.ApiException;
import org.openkyc.api.Caller;
import org.openkyc.api.PathIds;
import org.openkyc.api.QueryValues;
import org.openkyc.api.SchemaErrors;
import org.openkyc.api.Timestamps;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v0.1/webhooks")
@Tag(name = "Webhooks")
class WebhookController {

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Schema(name = "WebhookRequest", description = "On PATCH every field is optional; events replaces the list. Wildcards (kyc.*, *) are expanded when saved.")
    record WebhookRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uri") String url,
                          @Schema(maxLength = 500, nullable = true) String description,
                          @ArraySchema(minItems = 1, arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED)) List<String> events,
                          @Schema(allowableValues = "0.1") String version,
                          @Schema(allowableValues = {"STATUS_ENABLED", "STATUS_DISABLED"}) String status) {
    }

    @Schema(name = "Webhook")
    record WebhookView(String webhook_id, String url, String description, List<String> events, String version, String status,
                       @Schema(example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret, String date_created, String date_updated) {
        static WebhookView of(Subscription s) {
            return new WebhookView(s.webhookId().toString(), s.url(), s.description(), s.events(), s.version(), s.status(), s.secret(),
                    Timestamps.format(s.dateCreated()), Timestamps.format(s.dateUpdated()));
        }
    }

    @Schema(name = "WebhookDelivery")
    record DeliveryView(String delivery_id, String event_id, String event, String status, int attempts, Integer last_http_status,
                        String last_attempt_at, String next_retry_at, String date_created, List<AttemptView> attempt_log) {
    }

    @Schema(name = "WebhookAttempt")
    record AttemptView(int attempt, String attempted_at, Integer http_status, int latency_ms, String response_body, String error,
                       String next_retry_at) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Subscribe to events", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = WebhookRequest.class))))
    WebhookView create(Caller caller, @RequestBody JsonNode body) {
        return WebhookView.of(webhooks.create(caller.brandId(), body));
    }

    @GetMapping
    @Operation(summary = "List subscriptions (bare array, secrets included)")
    List<WebhookView> list(Caller caller) {
        return webhooks.list(caller.brandId()).stream().map(WebhookView::of).toList();
    }

    @GetMapping("/{webhookId}")
    @Operation(summary = "Get a subscription")
    WebhookView get(Caller caller, @PathVariable String webhookId) {
        return WebhookView.of(webhooks.get(caller.brandId(), id(webhookId)));
    }

    @PatchMapping("/{webhookId}")
    @Operation(summary = "Change a subscription", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = WebhookRequest.class))))
    WebhookView edit(Caller caller, @PathVariable String webhookId, @RequestBody JsonNode body) {
        return WebhookView.of(webhooks.edit(caller.brandId(), id(webhookId), body));
    }

    @DeleteMapping("/{webhookId}")
    @Operation(summary = "Delete a subscription; returns it")
    WebhookView delete(Caller caller, @PathVariable String webhookId) {
        return WebhookView.of(webhooks.delete(caller.brandId(), id(webhookId)));
    }

    @PostMapping("/{webhookId}/rotate-secret")
    @Operation(summary = "New secret; the old one keeps signing beside it for 24 hours")
    WebhookView rotate(Caller caller, @PathVariable String webhookId) {
        return WebhookView.of(webhooks.rotateSecret(caller.brandId(), id(webhookId)));
    }

    @PostMapping("/{webhookId}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a webhook.test event to this subscription")
    Map<String, String> test(Caller caller, @PathVariable String webhookId) {
        return Map.of("delivery_id", webhooks.test(caller.brandId(), id(webhookId)).toString());
    }

    @GetMapping("/{webhookId}/deliveries")
    @Operation(summary = "Delivery log, newest first, with every attempt")
    List<DeliveryView> deliveries(Caller caller, @PathVariable String webhookId,
                                  @RequestParam(name = "status", required = false) @Schema(allowableValues = {"pending", "succeeded", "failed", "cancelled"}) String status,
                                  @RequestParam(name = "page", required = false) @Schema(type = "integer", minimum = "1", maximum = "1000000", defaultValue = "1") String page,
                                  @RequestParam(name = "per_page", required = false) @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20") String perPage) {
        SchemaErrors errors = new SchemaErrors();
        if (status != null && !List.of("pending", "succeeded", "failed", "cancelled").contains(status)) {
            errors.add("status", "Must be one of: pending, succeeded, failed, cancelled.");
        }
        int pageNumber = number(page, 1, 1, 1_000_000, "page", errors);
        int size = number(perPage, 20, 1, 100, "per_page", errors);
        errors.throwIfAny("list_deliveries_schema");
        return webhooks.deliveries(caller.brandId(), id(webhookId), status, pageNumber, size).stream().map(this::view).toList();
    }

    @PostMapping("/{webhookId}/deliveries/{deliveryId}/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a delivery again (its webhook-id stays the same)")
    DeliveryView resend(Caller caller, @PathVariable String webhookId, @PathVariable String deliveryId) {
        UUID delivery = PathIds.parse(deliveryId, () -> ApiException.notFound("delivery_dne", "Delivery " + deliveryId + " does not exist."));
        return view(webhooks.resend(caller.brandId(), id(webhookId), delivery));
    }

    private DeliveryView view(WebhookRepository.Delivery d) {
        List<AttemptView> attempts = webhooks.attempts(d.deliveryId()).stream().map(a -> new AttemptView(a.attempt(), Timestamps.format(a.attemptedAt()),
                a.httpStatus(), a.latencyMs(), a.responseBody(), a.error(), Timestamps.format(a.nextRetryAt()))).toList();
        return new DeliveryView(d.deliveryId().toString(), d.eventId().toString(), d.eventType(), d.status(), d.attempts(), d.lastStatus(),
                Timestamps.format(d.lastAttemptAt()), "pending".equals(d.status()) ? Timestamps.format(d.nextAttemptAt()) : null,
                Timestamps.format(d.dateCreated()), attempts);
    }

    private static int number(String raw, int fallback, int min, int max, String name, SchemaErrors errors) {
        Integer value = QueryValues.integer(raw, fallback, name, errors);
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            errors.add(name, "Must be greater than or equal to " + min + " and less than or equal to " + max + ".");
        }
        return value;
    }

    private static UUID id(String raw) {
        return PathIds.parse(raw, () -> ApiException.notFound("webhook_dne", "Webhook " + raw + " does not exist."));
    }
}
