package org.openkyc.review;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.openkyc.api.ApiException;
import org.openkyc.api.Input;
import org.openkyc.api.JsonBody;
import org.openkyc.api.Rule;
import org.openkyc.api.SchemaErrors;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/**
 * The review API (issue 17): the console's twin for scripts, authenticated by a reviewer account's
 * token ({@code Authorization: Bearer rvt_...}), never by a brand key; a brand-scoped account sees
 * its brand's cases only (another brand's case is a 404). Same desk, same audit trail as the
 * console. Errors in the envelope of SPEC §1.1.
 */
@RestController
@RequestMapping("/api/v0.1/review")
@Tag(name = "Review")
class ReviewApiController {

    private final ReviewDesk desk;

    ReviewApiController(ReviewDesk desk) {
        this.desk = desk;
    }

    @Schema(name = "ReviewVersionRequest")
    record VersionRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The case version you saw") Integer version) {
    }

    @Schema(name = "ReviewAssignRequest")
    record AssignRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The case version you saw") Integer version,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uuid",
                                 description = "An active reviewer account that sees the case's brand") String reviewer_id) {
    }

    @Schema(name = "ReviewDecisionRequest")
    record DecisionRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The case version you saw") Integer version,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                   allowableValues = {"approve", "reject", "request_documents", "false_positive", "confirmed_match"}) String action,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "One of the action's reason codes: the reason catalogue's codes with check review (see the Reason schema, and the case's actions)") String reason_code,
                           @Schema(maxLength = 4000, description = "Required to reject, and to approve a watchlist or duplicate-identity case") String note,
                           @Schema(description = "request_documents: government_id, proof_of_address, social_security_card") List<String> documents) {
    }

    @GetMapping("/me")
    @Operation(summary = "The reviewer account this token acts for")
    Map<String, Object> me(@AuthenticationPrincipal ReviewerPrincipal me) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reviewer_id", me.reviewerId().toString());
        out.put("username", me.username());
        out.put("role", me.role().wire());
        out.put("brand_id", me.brandId() == null ? null : me.brandId().toString());
        return out;
    }

    @GetMapping("/cases")
    @Operation(summary = "The queue: open cases oldest first, with the time each has waited")
    Map<String, Object> cases(@Parameter(hidden = true) @AuthenticationPrincipal ReviewerPrincipal me,
                              @RequestParam(name = "brand_id", required = false) String brandId,
                              @Parameter(description = "one customer's cases") @RequestParam(name = "customer_id", required = false) String customerId,
                              @RequestParam(required = false) String reason,
                              @Parameter(description = "kyc or monitoring") @RequestParam(required = false) String kind,
                              @RequestParam(name = "min_age_minutes", required = false) String minAge,
                              @RequestParam(name = "max_age_minutes", required = false) String maxAge,
                              @Parameter(description = "me, none, or a reviewer id") @RequestParam(required = false) String assignee,
                              @RequestParam(required = false) String page, @RequestParam(name = "per_page", required = false) String perPage) {
        QueueFilter filter = ReviewRequests.queue(me, brandId, customerId, reason, kind, minAge, maxAge, assignee, page, perPage);
        ReviewDesk.QueuePage found = desk.queue(me.reviewer(), filter);
        return page("cases", found.items().stream().map(CaseViews::queueItem).toList(), found.page(), found.perPage(), found.more());
    }

    @GetMapping("/cases/{caseId}")
    @Operation(summary = "One case with the customer (SSN masked), every check's evidence, documents, timeline and the decisions on offer (audited as a view)")
    Map<String, Object> view(@Parameter(hidden = true) @AuthenticationPrincipal ReviewerPrincipal me, @PathVariable String caseId,
                             HttpServletRequest request) {
        return CaseViews.detail(desk.view(me.reviewer(), caseId(caseId), ClientAddress.of(request)));
    }

    @GetMapping("/cases/{caseId}/documents/{fileId}")
    @Operation(summary = "One document of the case, decrypted for this view (audited; never cached)")
    ResponseEntity<byte[]> document(@Parameter(hidden = true) @AuthenticationPrincipal ReviewerPrincipal me, @PathVariable String caseId,
                                    @PathVariable String fileId, HttpServletRequest request) {
        UUID file;
        try {
            file = ReviewRequests.uuid("file_id", fileId);
        } catch (ApiException e) {
            throw ApiException.notFound("document_dne", "Document " + fileId + " does not exist.");
        }
        var image = desk.document(me.reviewer(), caseId(caseId), file, ClientAddress.of(request));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.parseMediaType(image.contentType()))
                .body(image.content());
    }

    @PostMapping("/cases/{caseId}/claim")
    @Operation(summary = "Claim the case as of the version you saw (409 case_claimed if another reviewer holds it, unless you supervise)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = VersionRequest.class))))
    Map<String, Object> claim(@Parameter(hidden = true) @AuthenticationPrincipal ReviewerPrincipal me, @PathVariable String caseId,
                              @RequestBody JsonNode body, HttpServletRequest request) {
        UUID id = caseId(caseId);
        return CaseViews.summary(desk.claim(me.reviewer(), id, version(body, "review_claim_schema"), ClientAddress.of(request)));
    }

    /** A body of one field, the case version the reviewer saw; anything else a 400 {@code schemaCode}. */
    private static int version(JsonNode body, String schemaCode) {
        SchemaErrors errors = new SchemaErrors();
        JsonBody reader = JsonBody.of(body, errors, false);
        Input<Integer> version = reader.integer("version", true);
        reader.finish();
        errors.throwIfAny(schemaCode);
        return version.value();
    }

    @PostMapping("/cases/{caseId}/assign")
    @Operation(summary = "Assign the case to a reviewer as of the version you saw (supervisors only: 403 review_supervisor_required; "
            + "400 review_assignee_invalid for an account that is inactive or does not see the case's brand)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = AssignRequest.class))))
    Map<String, Object> assign(@Parameter(hidden = true) @AuthenticationPrincipal ReviewerPrincipal me, @PathVariable String caseId,
                               @RequestBody JsonNode body, HttpServletRequest request) {
        UUID id = caseId(caseId);
        SchemaErrors errors = new SchemaErrors();
        JsonBody reader = JsonBody.of(body, errors, false);
        Input<Integer> version = reader.integer("version", true);
        Input<UUID> assignee = reader.uuid("reviewer_id", true);
        reader.finish();
        errors.throwIfAny("review_assign_schema");
        return CaseViews.summary(desk.assignTo(me.reviewer(), id, version.value(), assignee.value(), ClientAddress.of(request)));
    }

    @PostMapping("/cases/{caseId}/release")
    @Operation(summary = "Give the case back to the queue as of the version you saw (its assignee, or a supervisor: "
            + "409 case_claimed for anyone else); releasing an unclaimed case changes nothing",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = VersionRequest.class))))
    Map<String, Object> release(@Parameter(hidden = true) @AuthenticationPrincipal ReviewerPrincipal me, @PathVariable String caseId,
                                @RequestBody JsonNode body, HttpServletRequest request) {
        UUID id = caseId(caseId);
        return CaseViews.summary(desk.release(me.reviewer(), id, version(body, "review_release_schema"), ClientAddress.of(request)));
    }

    @PostMapping("/cases/{caseId}/decision")
    @Operation(summary = "Decide the case as of the version you saw: the attempt's new state and its KYC event in one transaction. "
            + "A case claimed by another reviewer is refused 409 case_claimed_by_other, unless you supervise (the override is audited)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = DecisionRequest.class))))
    Map<String, Object> decide(@Parameter(hidden = true) @AuthenticationPrincipal ReviewerPrincipal me, @PathVariable String caseId,
                               @RequestBody JsonNode body, HttpServletRequest request) {
        UUID id = caseId(caseId);
        SchemaErrors errors = new SchemaErrors();
        JsonBody reader = JsonBody.of(body, errors, false);
        Input<Integer> version = reader.integer("version", true);
        Input<String> action = reader.string("action", true, Rule.length(1, 40));
        Input<String> reason = reader.string("reason_code", true, Rule.length(1, 60));
        Input<String> note = reader.string("note", false, Rule.length(0, DecisionRules.MAX_NOTE));
        Input<List<String>> documents = reader.stringList("documents", false, Rule.length(1, 60));
        reader.finish();
        errors.throwIfAny("review_decision_schema");
        Decision decision = ReviewRequests.decision(action.value(), reason.value(), note.orElse(null), documents.orElse(List.of()));
        ReviewDesk.Decided decided = desk.decide(me.reviewer(), id, version.value(), decision, ClientAddress.of(request));
        Map<String, Object> out = CaseViews.summary(decided.reviewCase());
        out.put("kyc_status", decided.kycStatus());
        out.put("awaiting_second_approval", decided.awaitingSecondApproval());
        return out;
    }

    @GetMapping("/audit")
    @Operation(summary = "The audit trail: every decision, case view and document view, oldest first")
    Map<String, Object> audit(@Parameter(hidden = true) @AuthenticationPrincipal ReviewerPrincipal me,
                              @RequestParam(name = "brand_id", required = false) String brandId,
                              @RequestParam(name = "case_id", required = false) String caseId,
                              @RequestParam(name = "reviewer_id", required = false) String reviewerId,
                              @RequestParam(required = false) String action, @RequestParam(required = false) String from,
                              @RequestParam(required = false) String to, @RequestParam(required = false) String page,
                              @RequestParam(name = "per_page", required = false) String perPage) {
        AuditFilter filter = ReviewRequests.audit(brandId, caseId, reviewerId, action, from, to, page, perPage);
        ReviewDesk.AuditPage found = desk.audit(me.reviewer(), filter);
        return page("entries", found.entries().stream().map(CaseViews::audit).toList(), found.page(), found.perPage(), found.more());
    }

    // No "produces": the API negotiates JSON whatever Accept says (api.WebConfig); this route writes its CSV itself.
    @GetMapping("/audit/export")
    @Operation(summary = "The whole audit trail that matches, as CSV for examiners (the export is itself audited)",
            responses = @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "CSV: seq, audit_id, occurred_at, reviewer_id, reviewer_name, client_address, action, brand_id, case_id, customer_id, detail",
                    content = @Content(mediaType = "text/csv")))
    void export(@Parameter(hidden = true) @AuthenticationPrincipal ReviewerPrincipal me,
                @RequestParam(name = "brand_id", required = false) String brandId, @RequestParam(name = "case_id", required = false) String caseId,
                @RequestParam(name = "reviewer_id", required = false) String reviewerId, @RequestParam(required = false) String action,
                @RequestParam(required = false) String from, @RequestParam(required = false) String to, HttpServletRequest request,
                HttpServletResponse response) throws IOException {
        AuditFilter filter = ReviewRequests.audit(brandId, caseId, reviewerId, action, from, to, null, null);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        desk.exportAudit(me.reviewer(), filter, out, ClientAddress.of(request));
        out.flush();
    }

    private static Map<String, Object> page(String key, List<Map<String, Object>> items, int page, int perPage, boolean more) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(key, items);
        out.put("page", page);
        out.put("per_page", perPage);
        out.put("more", more);
        return out;
    }

    private static UUID caseId(String value) {
        try {
            UUID id = ReviewRequests.uuid("case_id", value);
            if (id == null) {
                throw new IllegalStateException();
            }
            return id;
        } catch (ApiException | IllegalStateException e) {
            throw ApiException.notFound("case_dne", "Case " + value + " does not exist.");
        }
    }
}
