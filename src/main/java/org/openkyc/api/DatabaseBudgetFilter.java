package org.openkyc.api;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.openkyc.db.DatabaseBudget;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * SPEC §1.1: a database that is down or stops answering gives a 503 within 5 s. Each request may
 * spend {@code openkyc.limits.database-time} with the database, however many connections it takes
 * ({@link DatabaseBudget}); with the wait for a place ({@link AdmissionFilter}, the pool's
 * connection timeout) that stays under the 5 s.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class DatabaseBudgetFilter extends OncePerRequestFilter {

    private final Duration budget;

    DatabaseBudgetFilter(@Value("${openkyc.limits.database-time:2500ms}") Duration budget) {
        this.budget = budget;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (DatabaseBudget ignored = DatabaseBudget.open(budget)) {
            chain.doFilter(request, response);
        }
    }
}
