package org.openkyc.operator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openkyc.api.Input;
import org.openkyc.api.JsonBody;
import org.openkyc.api.PathIds;
import org.openkyc.api.Rule;
import org.openkyc.api.SchemaErrors;
import org.openkyc.config.OpenKycProperties;
import org.openkyc.review.Reviewers;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
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
 * Operator API for reviewer accounts (issue 17): the people who work the review console. Same
 * guard as the other operator routes ({@code X-Admin-Token}, {@link AdminTokenFilter}); the
 * command line ({@code openkyc reviewer ...}) does the same through {@link Reviewers}.
 */
@RestController
@RequestMapping("/admin/reviewers")
@Tag(name = "Operator")
class ReviewerAdminController {

    private final OpenKycProperties properties;
    private final Reviewers reviewers;

    ReviewerAdminController(OpenKycProperties properties, Reviewers reviewers) {
        this.properties = properties;
        this.reviewers = reviewers;
    }

    @Schema(name = "NewReviewerRequest")
    record NewReviewerRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 3, maxLength = 100) String username,
                              @Schema(description = "12 characters at least; generated and returned once when absent", minLength = 12) String password,
                              @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"reviewer", "supervisor"}) String role,
                              @Schema(description = "The one brand this reviewer works on; absent: every brand", format = "uuid") String brand_id) {
    }

    @Schema(name = "Reviewer")
    record ReviewerView(String reviewer_id, String username, String role, String brand_id, String status, String date_created,
                        @Schema(description = "Only when generated, only in this answer") String password) {
    }

    @Schema(name = "NewReviewerTokenRequest")
    record NewTokenRequest(@Schema(minLength = 1, maxLength = 200) String name) {
    }

    @Schema(name = "NewReviewerToken")
    record NewTokenView(String reviewer_id, String name, @Schema(description = "Send as Authorization: Bearer ...; shown only here") String token) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a reviewer account for the review console",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = NewReviewerRequest.class))))
    ReviewerView create(@Parameter(hidden = true) @RequestHeader(name = "X-Admin-Token", required = false) String token,
                        @RequestBody JsonNode body) {
        authorize(token);
        SchemaErrors errors = new SchemaErrors();
        JsonBody reader = JsonBody.of(body, errors, false);
        Input<String> username = reader.string("username", true, Rule.length(1, 100));
        Input<String> password = reader.string("password", false, Rule.length(1, 200));
        Input<String> role = reader.string("role", true, Rule.length(1, 20));
        Input<UUID> brand = reader.uuid("brand_id", false);
        reader.finish();
        errors.throwIfAny("create_reviewer_schema");
        Reviewers.Created created = reviewers.create(username.value(), password.orElse(null), role.value(), brand.orElse(null));
        return view(created.account(), created.password());
    }

    @GetMapping
    @Operation(summary = "List the reviewer accounts")
    Map<String, List<ReviewerView>> list(@Parameter(hidden = true) @RequestHeader(name = "X-Admin-Token", required = false) String token) {
        authorize(token);
        return Map.of("reviewers", reviewers.all().stream().map(account -> view(account, null)).toList());
    }

    @PostMapping("/{reviewerId}/deactivate")
    @Operation(summary = "Deactivate a reviewer account: its sessions and tokens stop working at once")
    Map<String, String> deactivate(@Parameter(hidden = true) @RequestHeader(name = "X-Admin-Token", required = false) String token,
                                   @PathVariable String reviewerId) {
        authorize(token);
        UUID id = PathIds.parse(reviewerId, Reviewers::notFound);
        if (!reviewers.deactivate(id)) {
            throw Reviewers.notFound();
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("reviewer_id", id.toString());
        out.put("status", "inactive");
        return out;
    }

    @PostMapping("/{reviewerId}/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue an API token for the review API (/api/v0.1/review) acting as this reviewer",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = NewTokenRequest.class))))
    NewTokenView issueToken(@Parameter(hidden = true) @RequestHeader(name = "X-Admin-Token", required = false) String token,
                            @PathVariable String reviewerId, @RequestBody JsonNode body) {
        authorize(token);
        UUID id = PathIds.parse(reviewerId, Reviewers::notFound);
        String name = AdminController.readName(body, "create_reviewer_token_schema", false);
        String issued = reviewers.issueToken(id, name);
        return new NewTokenView(id.toString(), name == null ? "API token" : name, issued);
    }

    /** {@link AdminTokenFilter} has checked already, before the body was read; checked again here, where the routes are. */
    private void authorize(String token) {
        AdminTokenFilter.authorize(properties, token);
    }

    private static ReviewerView view(Reviewers.Account account, String password) {
        return new ReviewerView(account.reviewerId().toString(), account.username(), account.role(),
                account.brandId() == null ? null : account.brandId().toString(), account.active() ? "active" : "inactive",
                org.openkyc.api.Timestamps.format(account.dateCreated()), password);
    }
}
