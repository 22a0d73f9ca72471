package org.openkyc.kyc;

import java.util.Map;

import org.openkyc.api.Caller;
import org.openkyc.api.Errors;
import org.openkyc.config.OpenKycProperties;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/** SPEC §5.6: sandbox-only routes that decide a customer's open attempt. They do not exist in live mode. */
@RestController
@RequestMapping("/api/v0.1/simulate")
@Tag(name = "Sandbox")
class SimulateController {

    private final KycService kyc;
    private final boolean sandbox;

    SimulateController(KycService kyc, OpenKycProperties properties) {
        this.kyc = kyc;
        this.sandbox = properties.sandbox();
    }

    @Schema(name = "SimulateRequest")
    record SimulateRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uuid") String customer_id,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uuid") String program_id) {
    }

    @PostMapping("/kyc-pass")
    @Operation(summary = "Sandbox: pass the customer's open KYC attempt", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true, content = @Content(schema = @Schema(implementation = SimulateRequest.class))))
    Map<String, Object> pass(Caller caller, @RequestBody JsonNode body) {
        return decide(caller, body, KycStatus.PASSED);
    }

    @PostMapping("/kyc-fail")
    @Operation(summary = "Sandbox: fail the customer's open KYC attempt", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true, content = @Content(schema = @Schema(implementation = SimulateRequest.class))))
    Map<String, Object> fail(Caller caller, @RequestBody JsonNode body) {
        return decide(caller, body, KycStatus.FAILED);
    }

    private Map<String, Object> decide(Caller caller, JsonNode body, KycStatus outcome) {
        if (!sandbox) {
            throw Errors.noRoute();
        }
        KycAttempt attempt = kyc.simulate(caller.brandId(), body, outcome);
        return KycController.statusBody(attempt.customerId().toString(), attempt.status().wire());
    }
}
