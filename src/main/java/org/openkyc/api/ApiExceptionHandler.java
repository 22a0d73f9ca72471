package org.openkyc.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception that reaches Spring MVC into the envelope of SPEC §1.1. Anything we did not
 * expect is a 500 with no detail: the stack trace goes to the log, never to the client.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorEnvelope> api(ApiException e) {
        return respond(e);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorEnvelope> unreadable(HttpMessageNotReadableException e) {
        if (causedBy(e, PayloadTooLargeException.class)) {
            return respond(Errors.payloadTooLarge());
        }
        if (causedBy(e, StrictUtf8InputStream.MalformedBodyException.class)) {
            return respond(ApiException.badRequest("invalid_request", "The request body is not valid UTF-8."));
        }
        return respond(ApiException.badRequest("invalid_request", "The request body is not valid JSON."));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorEnvelope> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(Errors.unsupportedMediaType());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ErrorEnvelope> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(ApiException.request(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "Responses are application/json."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorEnvelope> method(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<ErrorEnvelope> response = respond(ApiException.request(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                "Method " + e.getMethod() + " is not allowed on this route."));
        return e.getSupportedHttpMethods() == null ? response
                : ResponseEntity.status(response.getStatusCode()).allow(e.getSupportedHttpMethods().toArray(org.springframework.http.HttpMethod[]::new)).body(response.getBody());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ErrorEnvelope> noRoute(NoResourceFoundException e) {
        return respond(Errors.noRoute());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorEnvelope> argumentType(MethodArgumentTypeMismatchException e) {
        if (e.getRequiredType() == java.util.UUID.class) {
            // A malformed id names nothing that exists: same answer as an unknown id.
            return respond(ApiException.notFound("resource_dne", "The requested resource does not exist."));
        }
        return respond(ApiException.badRequest("invalid_request", "Parameter " + e.getName() + " has an invalid value."));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorEnvelope> missingParameter(MissingServletRequestParameterException e) {
        return respond(ApiException.badRequest("invalid_request", "Parameter " + e.getParameterName() + " is required."));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ErrorEnvelope> missingHeader(MissingRequestHeaderException e) {
        return respond(ApiException.badRequest("invalid_request", "Header " + e.getHeaderName() + " is required."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorEnvelope> unexpected(Exception e) {
        Errors.log(log, e);
        return respond(Errors.unexpected(e));
    }

    private static ResponseEntity<ErrorEnvelope> respond(ApiException e) {
        return ResponseEntity.status(e.status()).body(e.envelope());
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
