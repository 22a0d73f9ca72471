package org.openkyc.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bodies over the limit (1 MiB; 20 MiB on document uploads, SPEC §1) get a 413. A declared length
 * is refused before reading; a chunked body is counted as it is read and fails at the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long defaultLimit;
    private final long documentLimit;
    private final ErrorWriter errors;

    BodySizeLimitFilter(@Value("${openkyc.limits.body-bytes:1048576}") long defaultLimit,
                        @Value("${openkyc.limits.document-body-bytes:20971520}") long documentLimit, ErrorWriter errors) {
        this.defaultLimit = defaultLimit;
        this.documentLimit = documentLimit;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        long limit = path.endsWith("/verification-kyc/documents") || path.endsWith("/verification-kyc/documents/") ? documentLimit : defaultLimit;
        if (request.getContentLengthLong() > limit) {
            errors.refuseUnread(request, response, Errors.payloadTooLarge());
            return;
        }
        chain.doFilter(new CountedBody(request, total -> {
            if (total > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }), response);
    }
}
