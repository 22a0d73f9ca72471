package org.openkyc.operator;

import java.util.Map;

import org.openkyc.api.ApiException;
import org.openkyc.config.OpenKycProperties;
import org.openkyc.screening.ReloadReport;
import org.openkyc.screening.WatchlistScreening;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * SPEC §9: {@code POST /admin/watchlists/reload} loads the lists from their sources now. 200 with
 * what came of each list; when a list failed, 424 (a dependency failed, SPEC §1.1) with the same
 * report under {@code lists}: the versions in service stay.
 */
@RestController
@RequestMapping("/admin/watchlists")
@Tag(name = "Operator")
class WatchlistAdminController {

    private final OpenKycProperties properties;
    private final WatchlistScreening screening;

    WatchlistAdminController(OpenKycProperties properties, WatchlistScreening screening) {
        this.properties = properties;
        this.screening = screening;
    }

    @PostMapping("/reload")
    @Operation(summary = "Load the watchlists from their sources now; a list that fails keeps its version in service")
    @ApiResponse(responseCode = "200", description = "Every list loaded or was unchanged")
    @ApiResponse(responseCode = "424", description = "A list did not load (watchlist_reload_failed); its version in service stays",
            content = @Content(schema = @Schema(ref = "#/components/schemas/Error")))
    @ApiResponse(responseCode = "409", description = "The watchlists are turned off on this instance (watchlists_disabled)",
            content = @Content(schema = @Schema(ref = "#/components/schemas/Error")))
    ReloadReport reload(@Parameter(hidden = true) @RequestHeader(name = "X-Admin-Token", required = false) String token) {
        ApiException refused = AdminTokenFilter.refusal(properties, token);
        if (refused != null) {
            throw refused;
        }
        ReloadReport report;
        try {
            report = screening.reload();
        } catch (IllegalStateException e) {
            throw ApiException.conflict("watchlists_disabled", "The watchlists are turned off on this instance (openkyc.screening.enabled=false).");
        }
        if (report.failed()) {
            throw new ApiException(HttpStatus.FAILED_DEPENDENCY, "watchlist_reload_failed", report.summary(), ApiException.PROCESS_ERROR,
                    Map.of("lists", report.lists()));
        }
        return report;
    }
}
