package org.openkyc.program;

import java.util.List;
import java.util.UUID;

import org.openkyc.api.Caller;
import org.openkyc.api.PathIds;
import org.openkyc.api.Timestamps;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v0.1/programs")
@Tag(name = "Programs")
class ProgramController {

    private final Programs programs;

    ProgramController(Programs programs) {
        this.programs = programs;
    }

    @Schema(name = "ProgramRequest", description = "On PATCH every field is optional; kyc_policy fields not given keep their values.")
    record ProgramRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 100) String name, KycPolicy kyc_policy) {
    }

    @Schema(name = "Program")
    record ProgramView(String program_id, String brand_id, String name, boolean is_default, KycPolicy kyc_policy,
                       String date_created, String date_updated) {
        static ProgramView of(Program p) {
            return new ProgramView(p.programId().toString(), p.brandId().toString(), p.name(), p.isDefault(), p.kycPolicy(),
                    Timestamps.format(p.dateCreated()), Timestamps.format(p.dateUpdated()));
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a program", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = ProgramRequest.class))))
    ProgramView create(Caller caller, @RequestBody JsonNode body) {
        return ProgramView.of(programs.create(caller.brandId(), body));
    }

    @GetMapping
    @Operation(summary = "List the brand's programs (bare array, oldest first)")
    List<ProgramView> list(Caller caller) {
        return programs.list(caller.brandId()).stream().map(ProgramView::of).toList();
    }

    @GetMapping("/{programId}")
    @Operation(summary = "Get a program")
    ProgramView get(Caller caller, @PathVariable String programId) {
        return ProgramView.of(programs.get(caller.brandId(), id(programId)));
    }

    @PatchMapping("/{programId}")
    @Operation(summary = "Change a program's name or policy", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = ProgramRequest.class))))
    ProgramView edit(Caller caller, @PathVariable String programId, @RequestBody JsonNode body) {
        return ProgramView.of(programs.edit(caller.brandId(), id(programId), body));
    }

    /** A String, not a UUID parameter: Spring turns a blank id into a missing variable (a 500). */
    private static UUID id(String raw) {
        return PathIds.parse(raw, () -> Programs.notFound(raw));
    }
}
