package org.openkyc.kyc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openkyc.api.ApiException;
import org.openkyc.api.Caller;
import org.openkyc.api.GroupCommitted;
import org.openkyc.api.PathIds;
import org.openkyc.api.Timestamps;
import org.openkyc.idempotency.IdempotencyClaim;
import org.openkyc.verification.Reason;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v0.1/customers/{customerId}/verification-kyc")
@Tag(name = "KYC")
class KycController {

    private final KycService kyc;
    private final KycStartBatcher starts;
    private final KycDocuments documents;

    KycController(KycService kyc, KycStartBatcher starts, KycDocuments documents) {
        this.kyc = kyc;
        this.starts = starts;
        this.documents = documents;
    }

    @Schema(name = "KycStarted")
    record Started(String customer_id, String kyc_status, String program_id, String kyc_id) {
    }

    @Schema(name = "KycDocumentStatus")
    record DocumentView(String document_type, String status, String upload_link) {
    }

    @Schema(name = "KycStatus")
    record StatusView(String customer_id, String brand_id, String program_id, String kyc_id, String kyc_status,
                      int kyc_requests_available, String date_created, String date_updated, String passed_at,
                      List<DocumentView> documents, List<String> fields, List<Reason> reasons) {
    }

    @Schema(name = "DocumentUpload", description = "Send the requested documents; images are base64 JPEG, PNG, HEIC or PDF, at most 10 MiB each.")
    record DocumentUpload(GovernmentId government_id, ProofOfAddress proof_of_address, File social_security_card) {
        record File(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String file_name,
                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "byte") String image) {
        }

        record GovernmentId(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"drivers_license", "passport",
                "state_id", "passport_card", "permanent_resident_card", "work_permit", "visa"}) String type,
                            String country, @Schema(requiredMode = Schema.RequiredMode.REQUIRED) File front_image, File back_image) {
        }

        record ProofOfAddress(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"utility_bill", "property_tax_bill"}) String type,
                              @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String file_name,
                              @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "byte") String image) {
        }
    }

    @Schema(name = "DocumentsSubmitted")
    record Submitted(String customer_id, int num_documents_submitted) {
    }

    /** Committed in groups ({@link KycStartBatcher}): the filters learn it from the mark. */
    @PostMapping
    @GroupCommitted
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start KYC: the attempt is stored before the answer, evaluated in the background, and its outcome sent by webhook",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(ref = "#/components/schemas/" + KycRequestFields.SCHEMA))))
    Started start(Caller caller, @PathVariable String customerId, @RequestBody JsonNode body, HttpServletRequest request) {
        return started(starts.start(caller.brandId(), id(customerId), body, IdempotencyClaim.of(request).orElse(null)));
    }

    static Started started(KycAttempt attempt) {
        return new Started(attempt.customerId().toString(), attempt.status().wire(), attempt.programId().toString(), attempt.kycId().toString());
    }

    @GetMapping
    @Operation(summary = "The customer's latest KYC attempt (optionally for one program)")
    StatusView status(Caller caller, @PathVariable String customerId,
                      @RequestParam(name = "program_id", required = false) @Schema(format = "uuid") String programId) {
        UUID program = null;
        if (programId != null) {
            program = PathIds.parse(programId, () -> ApiException.badRequest("kyc_get_schema", Map.of("program_id", List.of("Not a valid UUID."))));
        }
        KycService.Status status = kyc.status(caller.brandId(), id(customerId), program);
        KycAttempt a = status.attempt();
        return new StatusView(a.customerId().toString(), a.brandId().toString(), a.programId().toString(), a.kycId().toString(),
                a.status().wire(), status.requestsAvailable(), Timestamps.format(a.dateCreated()), Timestamps.format(a.dateUpdated()),
                Timestamps.format(a.passedAt()),
                status.documents().stream().map(d -> new DocumentView((String) d.get("document_type"), (String) d.get("status"),
                        (String) d.get("upload_link"))).toList(),
                a.fields(), a.reasons());
    }

    @PostMapping("/documents")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Upload the documents a document_required attempt asks for",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = DocumentUpload.class))))
    Submitted uploadDocuments(Caller caller, @PathVariable String customerId, @RequestBody JsonNode body) {
        UUID customer = id(customerId);
        return new Submitted(customer.toString(), documents.upload(caller.brandId(), customer, body));
    }

    private static UUID id(String raw) {
        return PathIds.parse(raw, () -> ApiException.notFound("customer_dne", "Customer " + raw + " does not exist."));
    }

    static Map<String, Object> statusBody(String customerId, String kycStatus) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customer_id", customerId);
        body.put("kyc_status", kycStatus);
        return body;
    }
}
