package org.openkyc.idempotency;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.openkyc.db.DbTime;
import org.openkyc.api.ApiException;
import org.openkyc.api.Caller;
import org.openkyc.api.ErrorWriter;
import org.openkyc.api.Errors;
import org.openkyc.api.Timestamps;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotency keys on every API POST (SPEC §6). The request runs in a transaction that inserts the
 * key, with the response, as its last write when the answer is a 2xx: the key is claimed exactly
 * when the request's writes commit, and a refused or failed request (4xx, 5xx) leaves it free. The
 * primary key on (brand, method, path, key) decides races: of concurrent requests with one key, the
 * first to commit wins and the others roll back whole and answer the conflict. The response is held
 * back until the commit, so a 2xx is never sent for work that was not stored.
 *
 * <p>Routes whose writes are committed in groups ({@link org.openkyc.api.GroupCommitted}: KYC
 * starts) get no transaction here: the handler stores the key with its response in
 * its own commit ({@link IdempotencyClaim}), and this filter answers the conflicts the same way.
 *
 * <p>Why the key goes last rather than first: inserted first, it costs two more round trips per
 * request (the insert and a later update with the response). The price: a retry with a used key
 * does its work before it finds the key, and rolls that work back. The request runs through the
 * rest of the filter chain exactly once.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 40)
class IdempotencyFilter extends OncePerRequestFilter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IdempotencyFilter.class);
    static final Duration KEY_LIFE = Duration.ofHours(24);
    static final String HEADER = "Idempotency-Key";
    private static final int MAX_PATH = 500;
    /** How long a request waits to learn the outcome of a first request with its key that is still running. */
    private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(30);

    private final IdempotencyStore store;
    private final PlatformTransactionManager transactions;
    private final IdempotentResponses responses;
    private final org.openkyc.api.GroupCommittedRoutes groupCommitted;
    private final ErrorWriter errors;
    private final JsonMapper json;
    private final Clock clock;

    IdempotencyFilter(IdempotencyStore store, PlatformTransactionManager transactions, IdempotentResponses responses, ErrorWriter errors,
                      JsonMapper json, org.openkyc.api.GroupCommittedRoutes groupCommitted, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.transactions = transactions;
        this.responses = responses;
        this.errors = errors;
        this.json = json;
        this.groupCommitted = groupCommitted;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || request.getAttribute(Caller.REQUEST_ATTRIBUTE) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = IdempotencyKeys.parse(request.getHeader(HEADER));
        if (key == null) {
            errors.write(response, ApiException.badRequest("invalid_idempotency_key",
                    "Idempotency-Key must be 1 to 255 printable ASCII characters, bare or as a quoted string."));
            return;
        }
        // Routes are lower case and ids are UUIDs: lower-casing makes one scope of /customers/ABC… and /customers/abc….
        String path = request.getRequestURI().replaceAll("/+$", "").toLowerCase(java.util.Locale.ROOT);
        if (path.length() > MAX_PATH) {
            chain.doFilter(request, response); // no route has such a path: let it answer 404
            return;
        }
        Caller caller = (Caller) request.getAttribute(Caller.REQUEST_ATTRIBUTE);
        // Usually already in memory (AdmissionFilter reads bodies before requests queue): no copy then.
        HttpServletRequest withBody = org.openkyc.api.BufferedBody.of(request);
        byte[] body = org.openkyc.api.BufferedBody.bytes(withBody);
        IdempotencyStore.Scope scope = new IdempotencyStore.Scope(caller.brandId(), request.getMethod(), path, key);
        String fingerprint = responses.fingerprint(body);

        RuntimeException keyHeld = groupCommitted.matches(withBody)
                ? runWithClaim(scope, fingerprint, withBody, response, chain)
                : runAndStore(scope, fingerprint, withBody, response, chain);
        if (keyHeld == null) {
            return;
        }
        // Another request holds the key: its outcome is the answer. On PostgreSQL it has committed
        // (our insert waited for it); H2 may give up waiting before it commits.
        Awaited awaited = awaitStored(scope);
        if (awaited.stored() == null && awaited.keyFree() && keyHeld instanceof PessimisticLockingFailureException) {
            // The lock that failed was not the key's (the key is free): the request's own failure.
            Errors.log(log, keyHeld);
            errors.write(response, Errors.unexpected(keyHeld));
            return;
        }
        writeConflict(response, scope, fingerprint, awaited.stored(), DbTime.now(clock));
    }

    /**
     * Runs the request in a transaction that, on a 2xx, inserts the key with the response as its
     * last write before the commit (after deleting the key if it is past its 24 hours): the
     * request's writes and the key commit together or not at all, in the one round trip of the
     * held-back writes. Returns the failure when the key looks held by another request (a duplicate
     * of it, or a lock wait that gave up); the whole transaction has then rolled back and nothing
     * was written or answered. Returns null when the request was answered. A failed request
     * (4xx, 5xx) rolls back and claims nothing; when the key was in use already, the answer is the
     * conflict, as if the key had been looked up first.
     */
    private RuntimeException runAndStore(IdempotencyStore.Scope scope, String fingerprint, HttpServletRequest request,
                                HttpServletResponse response, FilterChain chain) throws IOException {
        Instant now = DbTime.now(clock);
        TransactionStatus tx = transactions.getTransaction(new DefaultTransactionDefinition());
        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, buffered);
            int status = buffered.getStatus();
            if (status < 200 || status >= 300) {
                transactions.rollback(tx);
                if (answeredConflict(scope, fingerprint, response, buffered, now)) {
                    return null;
                }
            } else {
                if (tx.isRollbackOnly()) {
                    throw new IllegalStateException("a 2xx response whose transaction must roll back");
                }
                store.insertWithResponse(scope, fingerprint, now, status, responses.seal(scope, buffered.getContentAsByteArray()), true);
                transactions.commit(tx);
            }
        } catch (DuplicateKeyException | PessimisticLockingFailureException e) {
            // A duplicate of the key, or a wait for its row that timed out or deadlocked: the key
            // is held. A duplicate in another table is the request's own failure.
            if (!tx.isCompleted()) {
                transactions.rollback(tx);
            }
            if (IdempotencyClaim.isKeyHeld(e)) {
                buffered.resetBuffer();
                return e;
            }
            answerUnexpected(response, buffered, e);
            return null;
        } catch (RuntimeException | IOException | ServletException e) {
            if (!tx.isCompleted()) {
                transactions.rollback(tx);
            }
            answerUnexpected(response, buffered, e);
            return null;
        } finally {
            if (!tx.isCompleted()) {
                transactions.rollback(tx);
            }
        }
        buffered.copyBodyToResponse();
        return null;
    }

    /**
     * For a route whose writes are committed in groups ({@link org.openkyc.api.GroupCommitted}),
     * which commits the key with them: no
     * transaction here; the handler gets the {@link IdempotencyClaim} and stores the key with its
     * response in its commit. Answers as {@link #runAndStore} does: a 2xx whose key was stored, the
     * conflict when a refused request's key turns out taken, or the failure when the handler found
     * the key held by another request (then nothing was answered yet).
     */
    private RuntimeException runWithClaim(IdempotencyStore.Scope scope, String fingerprint, HttpServletRequest request,
                                          HttpServletResponse response, FilterChain chain) throws IOException {
        Instant now = DbTime.now(clock);
        IdempotencyClaim claim = new IdempotencyClaim(scope, fingerprint);
        request.setAttribute(IdempotencyClaim.ATTRIBUTE, claim);
        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, buffered);
        } catch (RuntimeException | IOException | ServletException e) {
            answerUnexpected(response, buffered, e);
            return null;
        }
        if (claim.keyHeldFailure() != null) {
            buffered.resetBuffer();
            return claim.keyHeldFailure();
        }
        int status = buffered.getStatus();
        if (status >= 200 && status < 300 && !claim.stored()) {
            answerUnexpected(response, buffered, new IllegalStateException("a 2xx whose idempotency key was not stored with it"));
            return null;
        }
        if ((status < 200 || status >= 300) && answeredConflict(scope, fingerprint, response, buffered, now)) {
            return null;
        }
        buffered.copyBodyToResponse();
        return null;
    }

    /**
     * A request that failed (4xx, 5xx) while its key is taken answers the conflict, as it would
     * have had the key been looked up first. Whether it did.
     */
    private boolean answeredConflict(IdempotencyStore.Scope scope, String fingerprint, HttpServletResponse response,
                                     ContentCachingResponseWrapper buffered, Instant now) throws IOException {
        Optional<IdempotencyStore.Stored> existing = store.find(scope, now);
        if (existing.isEmpty()) {
            return false;
        }
        buffered.resetBuffer();
        writeConflict(response, scope, fingerprint, existing.get(), now);
        return true;
    }

    private void answerUnexpected(HttpServletResponse response, ContentCachingResponseWrapper buffered, Exception e) throws IOException {
        buffered.resetBuffer();
        Errors.log(log, e);
        errors.write(response, Errors.unexpected(e));
    }

    /** The holder's stored outcome (null if none showed), and whether the key turned out free. */
    private record Awaited(IdempotencyStore.Stored stored, boolean keyFree) {
    }

    /**
     * The stored outcome of the request that holds the key, waiting (up to 30 s) while it has not
     * committed. None if it never shows: that request rolled back (the key is free again, and the
     * client's next retry runs), or it is still running.
     */
    private Awaited awaitStored(IdempotencyStore.Scope scope) {
        long deadline = System.nanoTime() + IN_FLIGHT_WAIT.toNanos();
        while (true) {
            Instant now = DbTime.now(clock);
            Optional<IdempotencyStore.Stored> existing = store.find(scope, now);
            if (existing.isPresent() || System.nanoTime() > deadline) {
                return new Awaited(existing.orElse(null), false);
            }
            if (store.isFree(scope, now)) {
                return new Awaited(null, true);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Awaited(null, false);
            }
        }
    }

    private void writeConflict(HttpServletResponse response, IdempotencyStore.Scope scope, String fingerprint,
                               IdempotencyStore.Stored stored, Instant now) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "RESOURCE_CONFLICT");
        body.put("code", "idempotency_key_exists");
        body.put("message", "A request was made with this idempotency key in the past 24 hours");
        body.put("original_request_at", Timestamps.format(stored == null ? now : stored.createdAt()));
        boolean matches = stored != null && stored.fingerprint().equals(fingerprint);
        body.put("payload_matches", matches);
        if (matches && stored.responseStatus() != null) {
            Map<String, Object> original = new LinkedHashMap<>();
            original.put("status", stored.responseStatus());
            original.put("body", responses.open(scope, stored.responseBody()));
            body.put("original_response", original);
        }
        response.setStatus(HttpStatus.CONFLICT.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }
}
