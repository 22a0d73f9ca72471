package org.openkyc.idempotency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
import org.openkyc.privacy.PersonalDataCipher;
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
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotency keys on every API POST (SPEC §6). The request runs in a transaction that inserts the
 * key, with the response, as its last write when the answer is a 2xx: the key is claimed exactly
 * when the request's writes commit, and a refused or failed request (4xx, 5xx) leaves it free. The
 * primary key on (brand, method, path, key) decides races: of concurrent requests with one key, the
 * first to commit wins and the others roll back whole and answer the conflict. The response is held
 * back until the commit, so a 2xx is never sent for work that was not stored.
 *
 * <p>Routes whose handlers commit their writes themselves ({@link KeyCommittingRoutes}: KYC starts,
 * committed in groups) get no transaction here: the handler stores the key with its response in
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
    /** Response fields never kept for a replay: a secret is shown once (SPEC §2). */
    private static final java.util.Set<String> SECRET_FIELDS = java.util.Set.of("Authorization", "authorization", "secret");
    /** How long a request waits to learn the outcome of a first request with its key that is still running. */
    private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(30);

    private final IdempotencyStore store;
    private final PlatformTransactionManager transactions;
    private final PersonalDataCipher cipher;
    private final ErrorWriter errors;
    private final JsonMapper json;
    /** Looked up at the first request: the routes' handlers need this filter's {@link IdempotencyClaims}. */
    private final SingletonSupplier<java.util.List<KeyCommittingRoutes>> keyCommittingRoutes;
    private final Clock clock;

    IdempotencyFilter(IdempotencyStore store, PlatformTransactionManager transactions, PersonalDataCipher cipher, ErrorWriter errors,
                      JsonMapper json, org.springframework.beans.factory.ObjectProvider<KeyCommittingRoutes> keyCommittingRoutes, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.transactions = transactions;
        this.cipher = cipher;
        this.errors = errors;
        this.json = json;
        this.keyCommittingRoutes = SingletonSupplier.of(() -> keyCommittingRoutes.orderedStream().toList());
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
        String fingerprint = fingerprint(body);

        RuntimeException keyHeld = commitsOwnKey(withBody)
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
                store.insertWithResponse(scope, fingerprint, now, status, sealResponse(scope, buffered.getContentAsByteArray()));
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

    private boolean commitsOwnKey(HttpServletRequest request) {
        return keyCommittingRoutes.obtain().stream().anyMatch(r -> r.commitsOwnKey(request));
    }

    /**
     * For a route that commits its own writes and the key ({@link KeyCommittingRoutes}): no
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

    /** A response as kept with its key: secrets shown once left out, encrypted. */
    String sealResponse(IdempotencyStore.Scope scope, byte[] body) {
        return cipher.encrypt(purpose(scope), redactSecrets(body));
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
            original.put("body", parseOrText(cipher.decrypt(purpose(scope), stored.responseBody())));
            body.put("original_response", original);
        }
        response.setStatus(HttpStatus.CONFLICT.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }

    private String redactSecrets(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (SECRET_FIELDS.stream().noneMatch(field -> text.contains("\"" + field + "\""))) {
            return text; // most responses: no field of that name anywhere, nothing to parse
        }
        try {
            JsonNode tree = json.readTree(text);
            if (tree != null && tree.isObject() && SECRET_FIELDS.stream().anyMatch(tree::has)) {
                tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) tree.deepCopy();
                SECRET_FIELDS.forEach(field -> {
                    if (copy.has(field)) {
                        copy.put(field, "[redacted: shown once]");
                    }
                });
                return json.writeValueAsString(copy);
            }
        } catch (JacksonException e) {
            // not JSON: keep as is
        }
        return text;
    }

    private Object parseOrText(String text) {
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            return text;
        }
    }

    /** SHA-256 of the body with object keys sorted, so key order and whitespace do not matter. */
    String fingerprint(byte[] body) {
        byte[] canonical;
        try {
            JsonNode tree = json.readTree(body);
            canonical = tree == null ? body : json.writeValueAsBytes(canonical(tree));
        } catch (JacksonException e) {
            canonical = body;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            return sorted;
        }
        if (node.isArray()) {
            java.util.List<Object> items = new java.util.ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return items;
        }
        return node;
    }

    private static String purpose(IdempotencyStore.Scope scope) {
        return "idempotency:" + scope.brandId() + ":" + scope.method() + ":" + scope.path() + ":" + scope.key();
    }

}
