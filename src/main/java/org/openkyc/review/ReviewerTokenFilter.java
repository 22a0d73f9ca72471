package org.openkyc.review;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.openkyc.api.ErrorWriter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The review API's authentication: {@code Authorization: Bearer rvt_...}, a reviewer account's
 * token. Headers only, before any filter reads the body; a token that does not authenticate is
 * answered 401 at once, no token at all by the chain's entry point (also 401). Sessions and brand
 * keys mean nothing here.
 */
final class ReviewerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ReviewerTokens tokens;
    private final ErrorWriter errors;

    ReviewerTokenFilter(ReviewerTokens tokens, ErrorWriter errors) {
        this.tokens = tokens;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            var reviewer = tokens.authenticate(header.substring(BEARER.length()).trim());
            if (reviewer.isEmpty()) {
                errors.refuseUnread(request, response, ConsoleSecurity.unauthorized());
                return;
            }
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(ReviewerLogin.authenticated(reviewer.get()));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
