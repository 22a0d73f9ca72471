package org.openkyc.api;

import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI document at {@code /v3/api-docs}: Identity/Authorization headers as security
 * schemes, and the error envelope attached to every operation for the statuses any route can give.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    private static final Map<String, String> COMMON_ERRORS = Map.of(
            "400", "Schema error or malformed JSON",
            "401", "Missing or wrong credentials (auth_err)",
            "404", "Unknown id or route",
            "413", "Body larger than 1 MiB",
            "415", "Body not sent as application/json",
            "500", "Server fault (server_error)",
            "503", "Database unreachable (service_unavailable)");

    @Bean
    OpenAPI openKycOpenApi(java.util.List<BodySchema> bodySchemas) {
        Components components = new Components();
        bodySchemas.forEach(body -> components.addSchemas(body.name(), body.schema()));
        return new OpenAPI()
                .info(new Info().title("OpenKYC API").version("0.1")
                        .description("Bond v0.1 compatible KYC API. Every /api/v0.1 call carries the Identity and Authorization headers."))
                .components(components
                        .addSecuritySchemes("Identity", new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("Identity"))
                        .addSecuritySchemes("Authorization", new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("Authorization"))
                        .addSecuritySchemes("ReviewerToken", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A reviewer account's token (rvt_...), issued by the operator; only on /api/v0.1/review"))
                        .addSecuritySchemes("AdminToken", new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-Admin-Token")));
    }

    /**
     * PATCH routes share their create route's schema, whose {@code required} list does not hold on
     * PATCH (every field is optional there): they get a copy without it, named {@code <schema>Patch}.
     */
    @Bean
    OpenApiCustomizer partialBodiesOnPatch() {
        return openApi -> openApi.getPaths().values().forEach(item -> {
            var patch = item.getPatch();
            MediaType json = patch == null || patch.getRequestBody() == null ? null : patch.getRequestBody().getContent().get("application/json");
            if (json == null || json.getSchema() == null || json.getSchema().get$ref() == null) {
                return;
            }
            String name = json.getSchema().get$ref().substring(json.getSchema().get$ref().lastIndexOf('/') + 1);
            Schema<?> full = openApi.getComponents().getSchemas().get(name);
            if (full == null || full.getRequired() == null || full.getRequired().isEmpty()) {
                return;
            }
            Schema<?> partial = new Schema<>().types(full.getTypes()).type(full.getType()).description(full.getDescription())
                    .properties(full.getProperties());
            openApi.getComponents().addSchemas(name + "Patch", partial);
            json.setSchema(new Schema<>().$ref("#/components/schemas/" + name + "Patch"));
        });
    }

    @Bean
    OpenApiCustomizer errorEnvelopeEverywhere() {
        return openApi -> {
            ModelConverters.getInstance().readAll(ErrorEnvelope.class).forEach(openApi.getComponents()::addSchemas);
            Schema<?> ref = new Schema<>().$ref("#/components/schemas/Error");
            openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
                boolean admin = path.startsWith("/admin");
                if (path.startsWith("/api/v0.1/review/")) {
                    operation.addSecurityItem(new SecurityRequirement().addList("ReviewerToken"));
                } else if (path.startsWith("/api/")) {
                    operation.addSecurityItem(new SecurityRequirement().addList("Identity").addList("Authorization"));
                } else if (admin) {
                    operation.addSecurityItem(new SecurityRequirement().addList("AdminToken"));
                }
                COMMON_ERRORS.forEach((status, description) -> {
                    if (!operation.getResponses().containsKey(status)) {
                        operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                                .content(new Content().addMediaType("application/json", new MediaType().schema(ref))));
                    }
                });
            }));
        };
    }
}
