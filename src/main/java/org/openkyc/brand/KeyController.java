package org.openkyc.brand;

import java.util.UUID;

import org.openkyc.api.ApiException;
import org.openkyc.api.Caller;
import org.openkyc.api.Timestamps;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v0.1/auth/key")
@Tag(name = "Authentication")
class KeyController {

    private final Brands brands;

    KeyController(Brands brands) {
        this.brands = brands;
    }

    record KeyView(String identity, String brand_id, String name, String date_created, String status, String expires_at) {
    }

    @GetMapping("/{identity}")
    @Operation(summary = "Non-secret data of one of the calling brand's API keys")
    KeyView get(Caller caller, @PathVariable UUID identity) {
        return brands.keyInfo(caller.brandId(), identity)
                .map(key -> new KeyView(key.identity().toString(), key.brandId().toString(), key.name(),
                        Timestamps.format(key.dateCreated()), key.status(), Timestamps.format(key.expiresAt())))
                .orElseThrow(() -> ApiException.notFound("key_dne", "Key " + identity + " does not exist."));
    }
}
