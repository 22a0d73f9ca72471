package org.openkyc.api;

import org.springframework.http.HttpStatus;

/** The errors that are the same on every route. */
public final class Errors {

    private Errors() {
    }

    public static ApiException noRoute() {
        return ApiException.notFound("not_found", "The requested URL was not found on the server.");
    }

    public static ApiException payloadTooLarge() {
        return ApiException.request(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "The request body is too large.");
    }

    public static ApiException serverError() {
        return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "server_error",
                "The server encountered an internal error.", ApiException.SERVER_ERROR, null);
    }

    public static ApiException serviceUnavailable() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                "The service is temporarily unavailable. Retry later.", ApiException.PROCESS_ERROR, null);
    }
}
