package org.openkyc.review;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The review API (issue 17): the console's twin for scripts, authenticated by a reviewer account's
 * token ({@code Authorization: Bearer rvt_...}), never by a brand key. Errors in the envelope of SPEC §1.1.
 */
@RestController
@RequestMapping("/api/v0.1/review")
@Tag(name = "Review")
class ReviewApiController {

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
}
