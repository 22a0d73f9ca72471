package org.openkyc.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.openkyc.api.ApiException;
import org.openkyc.api.ErrorWriter;
import org.openkyc.api.Errors;
import org.openkyc.config.OpenKycProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The operator routes ({@code /admin/}) need {@code X-Admin-Token}; with no token configured they
 * do not exist (404). Checked on the headers, before any filter reads the body, like the API keys.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 12)
class AdminTokenFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Admin-Token";

    private final OpenKycProperties properties;
    private final ErrorWriter errors;

    AdminTokenFilter(OpenKycProperties properties, ErrorWriter errors) {
        this.properties = properties;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/admin/") && !path.equals("/admin");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ApiException refused = refusal(properties, request.getHeader(HEADER));
        if (refused != null) {
            errors.refuseUnread(request, response, refused);
            return;
        }
        chain.doFilter(request, response);
    }

    /** For the operator controllers, which check again where the routes are: throws the refusal. */
    static void authorize(OpenKycProperties properties, String token) {
        ApiException refused = refusal(properties, token);
        if (refused != null) {
            throw refused;
        }
    }

    /** Why this token may not use the operator routes, or null when it may. Compared in constant time. */
    static ApiException refusal(OpenKycProperties properties, String token) {
        if (!properties.adminApiEnabled()) {
            return Errors.noRoute();
        }
        byte[] expected = properties.adminToken().getBytes(StandardCharsets.UTF_8);
        byte[] given = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(sha256(expected), sha256(given)) ? null : ApiException.unauthorized();
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
