package org.openkyc.api;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.openkyc.db.GroupCommits;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets at most a fixed number of API requests work at once; the rest wait here, in arrival order.
 * The limit defaults to the connection pool's size less a few connections kept for the background
 * workers (evaluation, webhook delivery) and those the KYC start lanes hold: without it, a flood of requests queues for connections
 * ahead of the workers, and decisions and webhooks fall behind submissions for as long as the
 * flood lasts. Requests that hold no connection while they work (routes marked
 * {@link GroupCommitted}: KYC starts, committed in groups) have places of their own. A request that cannot get in within the
 * database's connection timeout gets the 503
 * a database outage gives. The body is read before the request queues, so a client that sends
 * slowly holds no place while it does; it is read only once the caller is authenticated (the
 * authentication filters come first and read headers only), and only as far as the
 * {@link BufferBudget} of bytes held across all requests allows.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 15)
class AdmissionFilter extends OncePerRequestFilter {

    /** Connections the API leaves to the background workers. */
    static final int KEPT_FOR_WORKERS = 4;

    private final long waitMillis;
    private final ErrorWriter errors;
    private final BufferBudget budget;
    private final GroupCommittedRoutes groupCommitted;
    /** Made at the first request: the committers are made by beans that depend on much of the application. */
    private final SingletonSupplier<Places> places;

    /** Places for requests that hold a connection, and for those of group-committed routes, which do not. */
    private record Places(Semaphore permits, GroupCommits groups, Semaphore groupCommitted) {
    }

    AdmissionFilter(DataSource dataSource, @Value("${openkyc.limits.concurrent-requests:0}") int configured,
                    @Value("${spring.datasource.hikari.connection-timeout:3000}") long waitMillis, ErrorWriter errors,
                    GroupCommittedRoutes groupCommitted, ObjectProvider<GroupCommits> groups, BufferBudget budget) {
        this.errors = errors;
        this.budget = budget;
        this.groupCommitted = groupCommitted;
        int pool = dataSource instanceof HikariDataSource hikari ? hikari.getMaximumPoolSize() : 10;
        this.places = SingletonSupplier.of(() -> places(groups.getObject(), configured, pool));
        this.waitMillis = waitMillis;
    }

    /**
     * The routes the authentication filters guard (the API's version, the operator's routes), so
     * that a body is only ever read once its caller is known: under any other path (a 404) nothing
     * authenticates, and its body must not be read either.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.startsWith("/api/v0.1/") || path.startsWith("/admin/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!BufferedBody.expected(request)) {
            admit(request, response, chain);
            return;
        }
        BufferBudget.Hold hold = budget.hold(Math.max(0, request.getContentLengthLong()));
        if (hold == null) {
            refuseForBudget(request, response);
            return;
        }
        try {
            HttpServletRequest buffered;
            try {
                buffered = BufferedBody.of(hold.counting(request));
            } catch (BufferBudget.Exhausted e) {
                refuseForBudget(request, response);
                return;
            }
            admit(buffered, response, chain);
        } finally {
            hold.release();
        }
    }

    /** Too many bytes held already: like a full server, a 503 to retry shortly. */
    private void refuseForBudget(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "1");
        errors.refuseUnread(request, response, Errors.serviceUnavailable());
    }

    private void admit(HttpServletRequest admitted, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Semaphore place = placesFor(admitted);
        if (!enter(place)) {
            errors.write(response, Errors.serviceUnavailable());
            return;
        }
        try {
            chain.doFilter(admitted, response);
        } finally {
            place.release();
        }
    }

    /** A group-committed route's request holds no connection while its committer groups: a lane writes for it. */
    private Semaphore placesFor(HttpServletRequest request) {
        Places current = places.obtain();
        return current.groups().grouping() && groupCommitted.matches(request) ? current.groupCommitted() : current.permits();
    }

    private static Places places(GroupCommits groups, int configured, int pool) {
        // Half the pool at least: a small pool (tests run with 8) would otherwise leave requests one place.
        int limit = configured > 0 ? configured : Math.max(Math.max(1, pool / 2), pool - KEPT_FOR_WORKERS - groups.connectionsHeld());
        return new Places(new Semaphore(limit, true), groups, new Semaphore(Math.max(1, groups.places()), true));
    }

    private boolean enter(Semaphore place) {
        try {
            return place.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
