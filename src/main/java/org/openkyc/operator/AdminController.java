package org.openkyc.operator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.openkyc.api.ApiException;
import org.openkyc.api.Input;
import org.openkyc.api.JsonBody;
import org.openkyc.api.PathIds;
import org.openkyc.api.Rule;
import org.openkyc.api.SchemaErrors;
import org.openkyc.brand.Brands;
import org.openkyc.config.OpenKycProperties;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/**
 * Operator API (SPEC §2): brands and keys. Guarded by {@code X-Admin-Token} equal to
 * {@code OPENKYC_ADMIN_TOKEN}; with no token configured the routes do not exist (404). Brand keys
 * never work here.
 */
@RestController
@RequestMapping("/admin")
@Tag(name = "Operator")
class AdminController {

    private static final String DEFAULT_KEY_NAME = "API key";

    private final OpenKycProperties properties;
    private final Onboarding onboarding;
    private final Brands brands;

    AdminController(OpenKycProperties properties, Onboarding onboarding, Brands brands) {
        this.properties = properties;
        this.onboarding = onboarding;
        this.brands = brands;
    }

    @Schema(name = "NameRequest")
    record NameRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 200) String name) {
    }

    /** A key's name is a label: optional (SPEC §2 names none), "API key" when not given. */
    @Schema(name = "NewKeyRequest")
    record NewKeyRequest(@Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, minLength = 1, maxLength = 200,
            defaultValue = DEFAULT_KEY_NAME) String name) {
    }

    @Schema(name = "NewBrand")
    record NewBrandView(String brand_id, String name, String identity, String authorization, String program_id) {
    }

    @Schema(name = "NewKey")
    record NewKeyView(String identity, String authorization, String brand_id, String name) {
    }

    @PostMapping("/brands")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a brand with its first API key and a default program",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = NameRequest.class))))
    NewBrandView createBrand(@Parameter(hidden = true) @RequestHeader(name = "X-Admin-Token", required = false) String token,
                             @RequestBody JsonNode body) {
        authorize(token);
        String name = readName(body, "create_brand_schema", true);
        Onboarding.NewBrand brand = onboarding.createBrand(name, properties.sandbox());
        return new NewBrandView(brand.brandId().toString(), brand.name(), brand.identity().toString(), brand.authorization(),
                brand.programId().toString());
    }

    @PostMapping("/brands/{brandId}/keys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create another API key for a brand (the secret is shown only here)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = NewKeyRequest.class))))
    NewKeyView createKey(@Parameter(hidden = true) @RequestHeader(name = "X-Admin-Token", required = false) String token,
                         @PathVariable String brandId, @RequestBody JsonNode body) {
        authorize(token);
        String name = readName(body, "create_key_schema", false);
        UUID brand = PathIds.parse(brandId, AdminController::brandNotFound);
        if (!brands.brandExists(brand)) {
            throw brandNotFound();
        }
        String keyName = name == null ? DEFAULT_KEY_NAME : name;
        Brands.NewKey key = brands.createKey(brand, keyName);
        return new NewKeyView(key.identity().toString(), key.authorization(), brand.toString(), keyName);
    }

    @PostMapping("/keys/{identity}/deactivate")
    @Operation(summary = "Deactivate an API key; it answers 401 from now on")
    Map<String, String> deactivate(@Parameter(hidden = true) @RequestHeader(name = "X-Admin-Token", required = false) String token,
                                   @PathVariable String identity) {
        authorize(token);
        UUID key = PathIds.parse(identity, AdminController::keyNotFound);
        if (!brands.deactivateKey(key)) {
            throw keyNotFound();
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("identity", key.toString());
        out.put("status", "inactive");
        return out;
    }

    /** {@link AdminTokenFilter} has checked already, before the body was read; checked again here, where the routes are. */
    private void authorize(String token) {
        AdminTokenFilter.authorize(properties, token);
    }

    static String readName(JsonNode body, String code, boolean required) {
        SchemaErrors errors = new SchemaErrors();
        JsonBody reader = JsonBody.of(body, errors, false);
        Input<String> name = reader.string("name", required, Rule.length(1, 200));
        reader.finish();
        errors.throwIfAny(code);
        return name.orElse(null);
    }

    private static ApiException brandNotFound() {
        return ApiException.notFound("brand_dne", "Brand does not exist.");
    }

    private static ApiException keyNotFound() {
        return ApiException.notFound("key_dne", "Key does not exist.");
    }
}
