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
 * Counts a call against a temporary key (SPEC §2: five at most). It runs after the body is read
 * and the request admitted, so a request refused for its body (413) or for a full server (503)
 * costs the key nothing, as it did when authentication came after those.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class TemporaryCallFilter extends OncePerRequestFilter {

    private final Brands brands;
    private final ErrorWriter errors;

    TemporaryCallFilter(Brands brands, ErrorWriter errors) {
        this.brands = brands;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller caller && caller.temporary()
                && !brands.consumeTemporaryCall(caller.keyId())) {
            errors.write(response, ApiException.unauthorized());
            return;
        }
        chain.doFilter(request, response);
    }
}
