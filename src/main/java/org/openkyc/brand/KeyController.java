package org.openkyc.brand;

import java.util.UUID;

import org.openkyc.api.ApiException;
import org.openkyc.api.Caller;
import org.openkyc.api.JsonBody;
import org.openkyc.api.PathIds;
import org.openkyc.api.SchemaErrors;
import org.openkyc.api.Timestamps;
import org.openkyc.customer.Customers;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v0.1/auth/key")
@Tag(name = "Authentication")
class KeyController {

    private final Brands brands;
    private final Customers customers;

    KeyController(Brands brands, Customers customers) {
        this.brands = brands;
        this.customers = customers;
    }

    record KeyView(String identity, String brand_id, String name, String date_created, String status, String expires_at) {
    }

    @Schema(name = "TemporaryKeyRequest")
    record TemporaryKeyRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
            format = "uuid") String customer_id) {
    }

    @Schema(name = "TemporaryKey")
    record TemporaryKeyView(@JsonProperty("Identity") String identity,
                            @JsonProperty("Authorization") String authorization, String expires_at) {
    }

    @PostMapping("/temporary")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A key for one customer's KYC routes, valid for 5 calls or 5 minutes (for a brand's front end)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = TemporaryKeyRequest.class))))
    TemporaryKeyView temporary(Caller caller, @RequestBody JsonNode body) {
        if (caller.temporary()) {
            throw ApiException.forbidden("A temporary key cannot create keys.");
        }
        var errors = new SchemaErrors();
        var reader = JsonBody.of(body, errors, false);
        var customerId = reader.uuid("customer_id", true);
        reader.finish();
        errors.throwIfAny("temporary_key_schema");
        if (!customers.exists(caller.brandId(), customerId.value())) {
            throw ApiException.notFound("customer_dne", "Customer " + customerId.value() + " does not exist.");
        }
        Brands.TemporaryKey key = brands.createTemporaryKey(caller.brandId(), customerId.value());
        return new TemporaryKeyView(key.identity().toString(), key.authorization(), Timestamps.format(key.expiresAt()));
    }

    @GetMapping("/{identity}")
    @Operation(summary = "Non-secret data of one of the calling brand's API keys")
    KeyView get(Caller caller, @PathVariable String identity) {
        // A String, not a UUID parameter: Spring turns a blank id into a missing variable (a 500).
        UUID id = PathIds.parse(identity, () -> keyNotFound(identity));
        return brands.keyInfo(caller.brandId(), id)
                .map(key -> new KeyView(key.identity().toString(), key.brandId().toString(), key.name(),
                        Timestamps.format(key.dateCreated()), key.status(), Timestamps.format(key.expiresAt())))
                .orElseThrow(() -> keyNotFound(identity));
    }

    private static ApiException keyNotFound(String identity) {
        return ApiException.notFound("key_dne", "Key " + identity + " does not exist.");
    }
}
