package org.openkyc.api;

import io.swagger.v3.oas.models.media.Schema;

/**
 * A request body's OpenAPI schema that a capability builds from its {@link BodyField}s, registered
 * as a bean; the OpenAPI document adds every one under {@code #/components/schemas/<name>}.
 */
public record BodySchema(String name, Schema<?> schema) {

    public static final String REF_PREFIX = "#/components/schemas/";
}
