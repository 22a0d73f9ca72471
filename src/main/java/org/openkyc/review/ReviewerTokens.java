package org.openkyc.review;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.openkyc.db.Ids;
import org.springframework.stereotype.Component;

/**
 * API tokens of reviewer accounts, for scripts on {@code /api/v0.1/review}: {@code rvt_<id>_<secret>},
 * sent as {@code Authorization: Bearer ...}. The id finds the row; the secret (256 random bits) is
 * kept only as its SHA-256 and compared in constant time. An unknown id costs the same hash and
 * comparison as a known one.
 */
@Component
class ReviewerTokens {

    static final String PREFIX = "rvt_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] DUMMY_HASH = sha256("not-a-real-token");

    private final ReviewerRepository repository;
    private final Clock clock;

    ReviewerTokens(ReviewerRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    String issue(UUID reviewerId, String name) {
        UUID tokenId = Ids.newId();
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        repository.insertToken(tokenId, reviewerId, name, HexFormat.of().formatHex(sha256(secret)), DbTime.now(clock));
        return PREFIX + tokenId.toString().replace("-", "") + "_" + secret;
    }

    /** The reviewer this token acts for, or empty for anything else (unknown, revoked, deactivated account). */
    Optional<ReviewerPrincipal> authenticate(String token) {
        UUID tokenId = tokenId(token);
        Optional<ReviewerRepository.StoredToken> stored = tokenId == null ? Optional.empty() : repository.activeToken(tokenId);
        byte[] expected = stored.map(t -> HexFormat.of().parseHex(t.secretSha256())).orElse(DUMMY_HASH);
        String secret = tokenId == null ? "" : token.substring(PREFIX.length() + 33);
        boolean matches = MessageDigest.isEqual(expected, sha256(secret));
        return matches ? stored.map(t -> t.reviewer().principal()) : Optional.empty();
    }

    private static UUID tokenId(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() < PREFIX.length() + 34 || token.charAt(PREFIX.length() + 32) != '_') {
            return null;
        }
        String hex = token.substring(PREFIX.length(), PREFIX.length() + 32);
        if (!hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return null;
        }
        return UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
