package org.openkyc.review;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.openkyc.api.ApiException;
import org.openkyc.api.SchemaErrors;
import org.openkyc.brand.Brands;
import org.openkyc.db.DbTime;
import org.openkyc.db.Ids;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reviewer accounts (issue 17): people who decide cases in the console, separate from the brands'
 * API keys. The operator creates and deactivates them (admin API, command line, first start in
 * sandbox mode); a password is stored only as its bcrypt hash, a script's token only as its SHA-256.
 */
@Service
public class Reviewers {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9._@-]{3,100}$");
    /** bcrypt reads at most 72 bytes: a longer password would be cut silently, so it is refused. */
    private static final int MAX_PASSWORD_BYTES = 72;
    private static final int MIN_PASSWORD_LENGTH = 12;

    private final ReviewerRepository repository;
    private final ReviewerTokens tokens;
    private final PasswordEncoder passwords;
    private final Brands brands;
    private final Clock clock;

    Reviewers(ReviewerRepository repository, ReviewerTokens tokens, PasswordEncoder passwords, Brands brands, Clock clock) {
        this.repository = repository;
        this.tokens = tokens;
        this.passwords = passwords;
        this.brands = brands;
        this.clock = clock;
    }

    /** A reviewer account as the operator sees it; {@code brandId} null means every brand. */
    public record Account(UUID reviewerId, String username, String role, UUID brandId, boolean active, Instant dateCreated) {
    }

    /** A new account; {@code password} is set when it was generated here, and exists only in this answer. */
    public record Created(Account account, String password) {
    }

    /**
     * Creates an account. {@code password} null: one is generated and returned once. Refused in the
     * error envelope (400 {@code create_reviewer_schema}, 409 {@code reviewer_exists}); nothing is written then.
     */
    @Transactional
    public Created create(String username, String password, String role, UUID brandId) {
        String name = username == null ? null : username.toLowerCase(Locale.ROOT);
        SchemaErrors errors = new SchemaErrors();
        if (name == null || !USERNAME.matcher(name).matches()) {
            errors.add("username", "3 to 100 characters: letters, digits, '.', '_', '@' or '-'.");
        }
        if (password != null && (password.length() < MIN_PASSWORD_LENGTH || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES)) {
            errors.add("password", "At least " + MIN_PASSWORD_LENGTH + " characters and at most " + MAX_PASSWORD_BYTES + " bytes.");
        }
        ReviewerRole parsedRole = role == null ? null : ReviewerRole.parse(role).orElse(null);
        if (parsedRole == null) {
            errors.add("role", "Must be one of: reviewer, supervisor.");
        }
        if (brandId != null && !brands.brandExists(brandId)) {
            errors.add("brand_id", "No such brand.");
        }
        errors.throwIfAny("create_reviewer_schema");
        String secret = password == null ? newPassword() : password;
        UUID id = Ids.newId();
        Instant now = DbTime.now(clock);
        try {
            repository.insert(id, name, passwords.encode(secret), parsedRole, brandId, now);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("reviewer_exists", "A reviewer with this username exists already.");
        }
        return new Created(new Account(id, name, parsedRole.wire(), brandId, true, now), password == null ? secret : null);
    }

    /** Deactivates an account and its tokens: its sessions end at their next request. False when there is no such account. */
    @Transactional
    public boolean deactivate(UUID reviewerId) {
        return repository.deactivate(reviewerId, DbTime.now(clock));
    }

    /** A new API token for a script acting as this reviewer, shown only here; 404 {@code reviewer_dne} for an unknown or inactive account. */
    @Transactional
    public String issueToken(UUID reviewerId, String name) {
        ReviewerRepository.StoredReviewer reviewer = repository.byId(reviewerId).filter(ReviewerRepository.StoredReviewer::active)
                .orElseThrow(Reviewers::notFound);
        return tokens.issue(reviewer.reviewerId(), name == null ? "API token" : name);
    }

    public java.util.Optional<Account> byUsername(String username) {
        return repository.byUsername(username == null ? "" : username.toLowerCase(Locale.ROOT)).map(Reviewers::account);
    }

    public List<Account> all() {
        return repository.all().stream().map(Reviewers::account).toList();
    }

    public static ApiException notFound() {
        return ApiException.notFound("reviewer_dne", "Reviewer does not exist.");
    }

    private static Account account(ReviewerRepository.StoredReviewer r) {
        return new Account(r.reviewerId(), r.username(), r.role().wire(), r.brandId(), r.active(), r.dateCreated());
    }

    private static String newPassword() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
