package org.openkyc.brand;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.openkyc.api.ApiException;
import org.openkyc.api.Caller;
import org.openkyc.api.ErrorWriter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every {@code /api/v0.1} call must carry a valid Identity and Authorization pair (SPEC §2).
 * Checked on the headers alone, before any filter reads the body: a caller who is refused is
 * answered without the server reading what it sends. A temporary key's call is counted later,
 * once the request is admitted ({@link TemporaryCallFilter}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 12)
class ApiKeyAuthFilter extends OncePerRequestFilter {

    static final String API_PREFIX = "/api/v0.1/";
    /** The review API authenticates reviewer accounts (review.ConsoleSecurity), never brand keys. */
    static final String REVIEW_PREFIX = "/api/v0.1/review/";

    private final Brands brands;
    private final ErrorWriter errors;

    ApiKeyAuthFilter(Brands brands, ErrorWriter errors) {
        this.brands = brands;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith(API_PREFIX) && !path.equals(API_PREFIX.substring(0, API_PREFIX.length() - 1)) || reviewRoute(request);
    }

    /**
     * Decided on the container's decoded and normalized path, the one it routes by (and registers
     * Spring Security's filter by): on the raw URI, {@code /api/v0.1/review/../customers} would skip
     * this filter and still reach the customer routes.
     */
    private static boolean reviewRoute(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.startsWith(REVIEW_PREFIX) || path.equals(REVIEW_PREFIX.substring(0, REVIEW_PREFIX.length() - 1));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var caller = brands.authenticate(request.getHeader("Identity"), request.getHeader("Authorization"));
        if (caller.isEmpty()) {
            errors.refuseUnread(request, response, ApiException.unauthorized());
            return;
        }
        if (caller.get().temporary()) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (!TemporaryKeyScope.allows(request.getMethod(), path, caller.get().customerScope())) {
                errors.refuseUnread(request, response, ApiException.forbidden("This temporary key may only be used on the KYC routes of customer "
                        + caller.get().customerScope() + "."));
                return;
            }
        }
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }
}
