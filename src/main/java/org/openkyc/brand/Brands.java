package org.openkyc.brand;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.openkyc.db.DbTime;
import org.openkyc.api.Caller;
import org.openkyc.api.Errors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brands (tenants) and their API keys (SPEC §2). A key's secret is shown once, at creation, and
 * stored only as its SHA-256: the secret has 384 random bits, so a plain hash cannot be reversed.
 */
@Service
public class Brands {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compared against when the Identity is unknown, so both paths do the same work. */
    private static final byte[] DUMMY_HASH = sha256("not-a-real-secret");

    private final ApiKeyRepository repository;
    private final java.time.Duration cacheFor;
    private final Clock clock;
    /**
     * Permanent keys read recently, by identity: authentication is on every request, and the key
     * row rarely changes. Only found keys are kept (bounded by the keys that exist); the secret is
     * still checked against the stored hash on every call. Temporary keys are never cached: each
     * call counts against them in the database.
     */
    private final Map<UUID, CachedKey> recentKeys = new ConcurrentHashMap<>();

    private record CachedKey(ApiKeyRepository.StoredKey key, long readAtNanos) {
    }

    /**
     * Key lookups that miss the cache at once (unknown identities, temporary keys). Authentication
     * runs before admission (no body is read before it), so without this bound a flood of random
     * identities would take connections ahead of the background workers.
     */
    private final Semaphore lookups;
    private final long lookupWaitMillis;

    Brands(ApiKeyRepository repository, org.openkyc.config.OpenKycProperties properties, Clock clock,
           @Value("${openkyc.limits.key-lookups:8}") int keyLookups,
           @Value("${spring.datasource.hikari.connection-timeout:1500}") long lookupWaitMillis) {
        this.lookups = new Semaphore(Math.max(1, keyLookups), true);
        this.lookupWaitMillis = lookupWaitMillis;
        this.clock = clock;
        this.repository = repository;
        this.cacheFor = properties.apiKeyCache() == null ? java.time.Duration.ZERO : properties.apiKeyCache();
    }

    /** A new key's credentials, the only time the secret exists outside the client. */
    public record NewKey(UUID identity, String authorization, UUID brandId) {
    }

    public record KeyInfo(UUID identity, UUID brandId, String name, Instant dateCreated, String status, Instant expiresAt) {
    }

    @Transactional
    public UUID createBrand(String name, boolean sandbox) {
        UUID brandId = UUID.randomUUID();
        repository.insertBrand(brandId, name, sandbox, DbTime.now(clock));
        return brandId;
    }

    public boolean anyBrandExists() {
        return repository.anyBrand();
    }

    public boolean brandExists(UUID brandId) {
        return repository.brandExists(brandId);
    }

    @Transactional
    public NewKey createKey(UUID brandId, String name) {
        UUID identity = UUID.randomUUID();
        String secret = newSecret();
        repository.insertKey(identity, brandId, name, HexFormat.of().formatHex(sha256(secret)), DbTime.now(clock));
        return new NewKey(identity, secret, brandId);
    }

    /** SPEC §2: valid for at most 5 calls or 5 minutes, only on one customer's routes. */
    public record TemporaryKey(UUID identity, String authorization, Instant expiresAt) {
    }

    static final int TEMPORARY_KEY_CALLS = 5;
    static final java.time.Duration TEMPORARY_KEY_LIFE = java.time.Duration.ofMinutes(5);

    @Transactional
    public TemporaryKey createTemporaryKey(UUID brandId, UUID customerId) {
        UUID identity = UUID.randomUUID();
        String secret = newSecret();
        Instant now = DbTime.now(clock);
        Instant expiresAt = now.plus(TEMPORARY_KEY_LIFE);
        repository.insertTemporaryKey(identity, brandId, customerId, HexFormat.of().formatHex(sha256(secret)), TEMPORARY_KEY_CALLS, expiresAt, now);
        return new TemporaryKey(identity, secret, expiresAt);
    }

    /** Counts one call against a temporary key; false when its calls are used up. */
    boolean consumeTemporaryCall(UUID identity) {
        return repository.consumeCall(identity);
    }

    @Transactional
    public boolean deactivateKey(UUID identity) {
        recentKeys.remove(identity);
        boolean deactivated = repository.deactivate(identity, DbTime.now(clock));
        org.openkyc.db.AfterCommit.run(() -> recentKeys.remove(identity));
        return deactivated;
    }

    /** The key's public data, only when it belongs to the calling brand. */
    public Optional<KeyInfo> keyInfo(UUID brandId, UUID identity) {
        return repository.find(identity)
                .filter(key -> key.brandId().equals(brandId))
                .map(key -> new KeyInfo(key.identity(), key.brandId(), key.name(), key.dateCreated(), key.status(), key.expiresAt()));
    }

    /**
     * The caller for these headers, or empty. The secret's hash is compared in constant time, and
     * an unknown Identity costs the same hash and comparison as a known one.
     */
    public Optional<Caller> authenticate(String identityHeader, String secretHeader) {
        UUID identity = parseUuid(identityHeader);
        Optional<ApiKeyRepository.StoredKey> stored = identity == null ? Optional.empty() : find(identity);
        byte[] expected = stored.map(key -> HexFormat.of().parseHex(key.secretSha256())).orElse(DUMMY_HASH);
        byte[] presented = sha256(secretHeader == null ? "" : secretHeader);
        boolean secretMatches = MessageDigest.isEqual(expected, presented);
        if (stored.isEmpty() || !secretMatches) {
            return Optional.empty();
        }
        ApiKeyRepository.StoredKey key = stored.get();
        if (!"active".equals(key.status()) || (key.expiresAt() != null && !key.expiresAt().isAfter(clock.instant()))) {
            return Optional.empty();
        }
        return Optional.of(new Caller(key.brandId(), key.identity(), key.customerId()));
    }

    private Optional<ApiKeyRepository.StoredKey> find(UUID identity) {
        CachedKey cached = recentKeys.get(identity);
        long now = System.nanoTime();
        if (cached != null && now - cached.readAtNanos() < cacheFor.toNanos()) {
            return Optional.of(cached.key());
        }
        Optional<ApiKeyRepository.StoredKey> stored = lookUp(identity);
        stored.filter(key -> key.customerId() == null && !cacheFor.isZero())
                .ifPresentOrElse(key -> recentKeys.put(identity, new CachedKey(key, now)), () -> recentKeys.remove(identity));
        return stored;
    }

    /** One read of the key, among at most {@code openkyc.limits.key-lookups} at once; past the wait, 503. */
    private Optional<ApiKeyRepository.StoredKey> lookUp(UUID identity) {
        try {
            if (!lookups.tryAcquire(lookupWaitMillis, TimeUnit.MILLISECONDS)) {
                throw Errors.serviceUnavailable();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.serviceUnavailable();
        }
        try {
            return repository.find(identity);
        } finally {
            lookups.release();
        }
    }

    static String newSecret() {
        byte[] bytes = new byte[48];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID parseUuid(String value) {
        if (value == null || value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
