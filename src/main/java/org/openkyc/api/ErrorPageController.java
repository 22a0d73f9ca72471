package org.openkyc.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * Replaces Boot's white-label error page: errors raised outside Spring MVC (by the container or a
 * filter) are forwarded here and still get the envelope, never a page or a stack trace.
 */
@Hidden
@RestController
class ErrorPageController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ErrorEnvelope> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        ApiException error = switch (status) {
            case 400 -> ApiException.badRequest("invalid_request", "The request could not be understood.");
            case 401 -> ApiException.unauthorized();
            case 404 -> Errors.noRoute();
            case 405 -> ApiException.request(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "Method not allowed on this route.");
            case 413 -> Errors.payloadTooLarge();
            case 415 -> ApiException.request(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "Request bodies must be sent as Content-Type: application/json.");
            case 503 -> Errors.serviceUnavailable();
            default -> status >= 400 && status < 500
                    ? ApiException.request(java.util.Objects.requireNonNullElse(HttpStatus.resolve(status), HttpStatus.BAD_REQUEST), "invalid_request", "The request could not be processed.")
                    : Errors.serverError();
        };
        return ResponseEntity.status(error.status()).body(error.envelope());
    }
}
