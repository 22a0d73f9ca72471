package org.openkyc.api;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Gives every response an {@code X-Request-Id} and writes one log line per request (SPEC §11.2):
 * method, route template, status, latency, request id, brand id. Never the raw path's query,
 * headers or body, so no personal data or secret reaches the log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestLogFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");
    private static final Logger log = LoggerFactory.getLogger("org.openkyc.access");

    private final ErrorWriter errors;

    RequestLogFilter(ErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        String requestId = requestId(request);
        response.setHeader(HEADER, requestId);
        try {
            chain.doFilter(request, response);
        } catch (Exception e) {
            // Thrown by a filter, outside Spring MVC's handlers (e.g. the database is down while
            // authenticating): still the envelope, still no stack trace to the client.
            Errors.log(log, e);
            errors.write(response, Errors.unexpected(e));
        } finally {
            if (log.isInfoEnabled()) {
                Object caller = request.getAttribute(Caller.REQUEST_ATTRIBUTE);
                log.info("{} {} {} {}ms request_id={} brand_id={}", request.getMethod(), route(request), response.getStatus(),
                        (System.nanoTime() - start) / 1_000_000, requestId, caller instanceof Caller c ? c.brandId() : "-");
            }
        }
    }

    /** The client's request id when it is safe to echo and log, else a new one. */
    static String requestId(HttpServletRequest request) {
        String requestId = request.getHeader(HEADER);
        return requestId == null || !SAFE_ID.matcher(requestId).matches() ? UUID.randomUUID().toString() : requestId;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    /** The matched route template; ids and anything unmatched stay out of the log. */
    private static String route(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern != null && !"/**".equals(pattern) && !"/error".equals(pattern)) {
            return pattern.toString();
        }
        return "(unmatched)";
    }
}
