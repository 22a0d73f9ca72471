package org.openkyc.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/** The operations of the OpenAPI document ({@code /v3/api-docs}), as the fuzzer walks them. */
record ApiRoutes(JsonNode document, List<Operation> operations) {

    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /** One operation: method, path template, its path and query parameters, and its body schema (null: no body). */
    record Operation(String method, String template, List<String> pathParameters, Map<String, JsonNode> queryParameters,
                     String bodySchemaName, JsonNode bodySchema, boolean admin) {

        boolean hasBody() {
            return bodySchema != null;
        }

        String route() {
            return method + " " + template;
        }
    }

    static ApiRoutes of(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            if (METHODS.contains(entry.getKey())) {
                operations.add(operation(document, path.getKey(), entry.getKey().toUpperCase(java.util.Locale.ROOT), entry.getValue()));
            }
        }));
        operations.sort(java.util.Comparator.comparing(Operation::route)); // document order is not guaranteed: the seed must replay
        return new ApiRoutes(document, List.copyOf(operations));
    }

    private static Operation operation(JsonNode document, String template, String method, JsonNode operation) {
        List<String> pathParameters = new ArrayList<>();
        Map<String, JsonNode> query = new java.util.LinkedHashMap<>();
        for (JsonNode parameter : operation.path("parameters")) {
            String in = parameter.get("in").stringValue();
            if (in.equals("path")) {
                pathParameters.add(parameter.get("name").stringValue());
            } else if (in.equals("query")) {
                query.put(parameter.get("name").stringValue(), parameter.path("schema"));
            }
        }
        JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
        String name = body.has("$ref") ? body.get("$ref").stringValue().substring(body.get("$ref").stringValue().lastIndexOf('/') + 1) : null;
        return new Operation(method, template, List.copyOf(pathParameters), query, name,
                body.isMissingNode() ? null : resolve(document, body), template.startsWith("/admin"));
    }

    /** Methods the document does not list for {@code template}. */
    List<String> methodsNotAllowed(String template) {
        JsonNode item = document.get("paths").get(template);
        List<String> missing = new ArrayList<>();
        for (String method : List.of("get", "post", "put", "patch", "delete")) {
            if (!item.has(method)) {
                missing.add(method.toUpperCase(java.util.Locale.ROOT));
            }
        }
        return missing;
    }

    /** The schema with a {@code $ref} followed (one level; callers resolve nested ones as they go). */
    static JsonNode resolve(JsonNode document, JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        if (ref == null) {
            return schema;
        }
        String name = ref.stringValue().substring(ref.stringValue().lastIndexOf('/') + 1);
        return document.get("components").get("schemas").get(name);
    }
}
