package org.openkyc.api;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure the client sees in the error envelope of SPEC §1.1. {@code message} is a sentence, or
 * for schema errors a map of field to messages. {@code extra} adds top-level keys (e.g.
 * {@code kyc_passed_at}).
 */
public class ApiException extends RuntimeException {

    public static final String REQUEST_ERROR = "Request Error";
    public static final String SERVER_ERROR = "Server Error";
    public static final String PROCESS_ERROR = "Process Error";

    private final HttpStatus status;
    private final String code;
    private final Object body;
    private final String type;
    private final Map<String, Object> extra;

    public ApiException(HttpStatus status, String code, Object message, String type, Map<String, Object> extra) {
        super(code + ": " + (message instanceof String s ? s : "schema errors"), null, false, false);
        this.status = status;
        this.code = code;
        this.body = message;
        this.type = type;
        this.extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    public static ApiException request(HttpStatus status, String code, Object message) {
        return new ApiException(status, code, message, REQUEST_ERROR, null);
    }

    public static ApiException notFound(String code, String message) {
        return request(HttpStatus.NOT_FOUND, code, message);
    }

    public static ApiException conflict(String code, String message) {
        return request(HttpStatus.CONFLICT, code, message);
    }

    public static ApiException badRequest(String code, Object message) {
        return request(HttpStatus.BAD_REQUEST, code, message);
    }

    public static ApiException unauthorized() {
        return request(HttpStatus.UNAUTHORIZED, "auth_err", "Authentication failed: check the Identity and Authorization headers.");
    }

    public static ApiException forbidden(String message) {
        return request(HttpStatus.FORBIDDEN, "auth_err", message);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public ErrorEnvelope envelope() {
        return new ErrorEnvelope(body, status.value(), code, type, extra);
    }
}
