package org.openkyc.verification;

import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;

/** The OpenAPI document's {@code Reason} schema lists the catalogue: its codes as the enum of {@code code}, the table as the description. */
@Component
class ReasonsInOpenApi implements OpenApiCustomizer {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        Schema reason = openApi.getComponents().getSchemas().get("Reason");
        if (reason == null) {
            return;
        }
        reason.setDescription("Why an attempt is where it is (SPEC §5.2, §8): the reason catalogue, `verification/reasons.tsv`.\n\n"
                + ReasonTable.markdown());
        Object code = reason.getProperties() == null ? null : reason.getProperties().get("code");
        if (code instanceof Schema codeSchema) {
            codeSchema.setEnum(List.copyOf(ReasonCatalogue.entries().stream().map(ReasonCatalogue.Entry::code).toList()));
        }
    }
}
