package org.openkyc.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
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
    ResponseEntity<ErrorEnvelope> error(HttpServletRequest request, HttpServletResponse response) {
        // Requests Tomcat refuses before the filters (TRACE, which it does not allow) come here without an id.
        if (!response.containsHeader(RequestLogFilter.HEADER)) {
            response.setHeader(RequestLogFilter.HEADER, RequestLogFilter.requestId(request));
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        ApiException error = Errors.forStatus(status);
        return ResponseEntity.status(error.status()).body(error.envelope());
    }
}
