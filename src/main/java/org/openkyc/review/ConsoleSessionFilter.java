package org.openkyc.review;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a console session after {@code openkyc.console.idle-timeout} without a request (the
 * application's clock decides, so a test can move time), and at once when the operator has
 * deactivated the account. Runs in the console's security chain only, before the session's login
 * is read; the container's own session timeout is only the memory bound behind it.
 */
final class ConsoleSessionFilter extends OncePerRequestFilter {

    static final String LAST_SEEN = ConsoleSessionFilter.class.getName() + ".lastSeen";

    private final Clock clock;
    private final Duration idleTimeout;
    private final ReviewerRepository reviewers;

    ConsoleSessionFilter(Clock clock, Duration idleTimeout, ReviewerRepository reviewers) {
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.reviewers = reviewers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            Instant now = clock.instant();
            boolean signedIn = reviewer(session) != null;
            if (signedIn && (idle(session, now) || !stillActive(reviewer(session)))) {
                session.invalidate();
                ConsolePages.redirect(request, response, "/console/login?expired");
                return;
            }
            session.setAttribute(LAST_SEEN, now);
        }
        chain.doFilter(request, response);
    }

    private boolean idle(HttpSession session, Instant now) {
        return session.getAttribute(LAST_SEEN) instanceof Instant last && last.plus(idleTimeout).isBefore(now);
    }

    private boolean stillActive(ReviewerPrincipal principal) {
        return reviewers.byId(principal.reviewerId()).map(ReviewerRepository.StoredReviewer::active).orElse(false);
    }

    private static ReviewerPrincipal reviewer(HttpSession session) {
        Object context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        if (context instanceof SecurityContext security && security.getAuthentication() != null
                && security.getAuthentication().getPrincipal() instanceof ReviewerPrincipal principal) {
            return principal;
        }
        return null;
    }
}
