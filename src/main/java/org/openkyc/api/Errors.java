package org.openkyc.api;

import org.openkyc.db.DatabaseErrors;
import org.springframework.http.HttpStatus;

/** The errors that are the same on every route. */
public final class Errors {

    private Errors() {
    }

    public static ApiException noRoute() {
        return ApiException.notFound("not_found", "The requested URL was not found on the server.");
    }

    public static ApiException unsupportedMediaType() {
        return ApiException.request(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                "Request bodies must be sent as Content-Type: application/json.");
    }

    public static ApiException payloadTooLarge() {
        return ApiException.request(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "The request body is too large.");
    }

    /** The envelope for a status set by a layer that gives no reason but the status (the container, an error dispatch). */
    public static ApiException forStatus(int status) {
        return switch (status) {
            case 400 -> ApiException.badRequest("invalid_request", "The request could not be understood.");
            case 401 -> ApiException.unauthorized();
            case 404 -> noRoute();
            case 405 -> ApiException.request(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "Method not allowed on this route.");
            case 413 -> payloadTooLarge();
            case 415 -> ApiException.request(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "Request bodies must be sent as Content-Type: application/json.");
            case 431 -> ApiException.request(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers_too_large", "The request headers are too large.");
            case 501 -> new ApiException(HttpStatus.NOT_IMPLEMENTED, "not_implemented",
                    "The server does not support what this request needs (its method, or its transfer coding).",
                    ApiException.REQUEST_ERROR, null);
            case 503 -> serviceUnavailable();
            case 505 -> new ApiException(HttpStatus.HTTP_VERSION_NOT_SUPPORTED, "http_version_not_supported",
                    "Requests must be sent as HTTP/1.0 or HTTP/1.1.", ApiException.REQUEST_ERROR, null);
            default -> status >= 400 && status < 500
                    ? ApiException.request(java.util.Objects.requireNonNullElse(HttpStatus.resolve(status), HttpStatus.BAD_REQUEST), "invalid_request", "The request could not be processed.")
                    : serverError();
        };
    }

    public static ApiException serverError() {
        return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "server_error",
                "The server encountered an internal error.", ApiException.SERVER_ERROR, null);
    }

    /** What a client sees for an exception nobody handled: 503 when the database is out of reach, else 500. */
    public static ApiException unexpected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (t instanceof PayloadTooLargeException) {
                return payloadTooLarge();
            }
            if (t instanceof org.apache.coyote.BadRequestException || clientGone(t)) {
                // A body Tomcat could not decode (bad chunking), or one that ended early: the client's doing.
                return ApiException.badRequest("invalid_request", "The request body could not be read.");
            }
            if (DatabaseErrors.outOfReach(t) || t instanceof org.springframework.dao.PessimisticLockingFailureException) {
                return serviceUnavailable();
            }
            if (t instanceof org.springframework.transaction.TransactionSystemException failed && failed.getApplicationException() != null) {
                // The rollback failed too: the first failure tells what happened, unless the
                // rollback found the connection gone (the database went away mid-request).
                ApiException first = unexpected(failed.getApplicationException());
                return first.status().is5xxServerError() && DatabaseErrors.unreachable(failed.getCause()) ? serviceUnavailable() : first;
            }
            if (t instanceof org.springframework.transaction.TransactionSystemException failed && failed.getCause() instanceof java.sql.SQLException sql
                    && sql.getSQLState() == null) {
                // A commit or rollback the driver or the pool refused without saying why (no SQL
                // state): on a connection the pool has found broken ("Connection is closed").
                return serviceUnavailable();
            }
        }
        return serverError();
    }

    /**
     * Logs a fault without personal data: database errors can quote row values ("Failing row
     * contains …", "Key (…)=(…)"), so for those only the exception types and SQL state are logged.
     */
    public static void log(org.slf4j.Logger log, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (clientGone(t)) {
                log.info("client closed the connection before the exchange was over ({})", t.getClass().getSimpleName());
                return;
            }
        }
        ApiException mapped = unexpected(e);
        if (mapped.status().value() == 503) {
            log.warn("database unavailable: {}", e.getClass().getSimpleName());
            return;
        }
        if (mapped.status().value() < 500) {
            return;
        }
        java.sql.SQLException sql = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException s) {
                sql = s;
            }
        }
        if (sql != null || e instanceof org.springframework.dao.DataAccessException) {
            log.error("database error: {} (SQL state {})", e.getClass().getName(), sql == null ? "-" : sql.getSQLState());
        } else {
            log.error("unhandled exception", e);
        }
    }

    /**
     * The client went away mid-request: Tomcat wraps what reading or writing its connection threw
     * (an early end of the body, a reset). Not any EOFException: a database connection lost is one too.
     */
    private static boolean clientGone(Throwable t) {
        return t instanceof org.apache.catalina.connector.ClientAbortException;
    }

    public static ApiException serviceUnavailable() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                "The service is temporarily unavailable. Retry later.", ApiException.PROCESS_ERROR, null);
    }
}
