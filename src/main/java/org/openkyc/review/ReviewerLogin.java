package org.openkyc.review;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The console's form login: username and bcrypt password from the reviewer table. Five failures
 * in a row lock the account for {@code openkyc.console.lockout} (15 minutes); a locked account is
 * refused even with the right password, so guessing cannot go on. Every refusal is the same answer
 * after the same bcrypt comparison: a wrong password, an unknown or inactive username and a locked
 * account cannot be told apart, so neither the answer nor the lock-out tells that a name exists.
 */
@Component
class ReviewerLogin implements AuthenticationProvider {

    static final int FAILURES_BEFORE_LOCK = 5;

    private final ReviewerRepository repository;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final Duration lockout;
    /**
     * Compared against for unknown usernames, so they take as long as known ones. Made on the first
     * such login, not at start: a bcrypt hash is ~0.1 s of CPU that readiness need not wait for
     * (as Spring Security's own DaoAuthenticationProvider does; docs/DECISIONS.md, start-up).
     */
    private volatile String dummyHash;

    ReviewerLogin(ReviewerRepository repository, PasswordEncoder passwords, Clock clock,
                  @Value("${openkyc.console.lockout:15m}") Duration lockout) {
        this.repository = repository;
        this.passwords = passwords;
        this.clock = clock;
        this.lockout = lockout;
    }

    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            hash = passwords.encode("not-a-real-password");
            dummyHash = hash; // two first logins at once may each make one: any of them serves
        }
        return hash;
    }

    @Override
    public Authentication authenticate(Authentication request) {
        String username = String.valueOf(request.getName()).toLowerCase(Locale.ROOT);
        String password = request.getCredentials() == null ? "" : request.getCredentials().toString();
        Optional<ReviewerRepository.StoredReviewer> found = repository.byUsername(username);
        if (found.isEmpty() || !found.get().active()) {
            passwords.matches(password, dummyHash());
            throw new BadCredentialsException("bad credentials");
        }
        ReviewerRepository.StoredReviewer reviewer = found.get();
        Instant now = clock.instant();
        if (reviewer.lockedAt(now)) {
            // The same answer, and the same bcrypt cost, as a wrong password or an unknown name: a
            // locked-out answer would tell a guesser that the username exists.
            passwords.matches(password, dummyHash);
            throw new BadCredentialsException("bad credentials");
        }
        if (!passwords.matches(password, reviewer.passwordBcrypt())) {
            repository.countFailure(reviewer.reviewerId(), FAILURES_BEFORE_LOCK, now.plus(lockout));
            throw new BadCredentialsException("bad credentials");
        }
        repository.clearFailures(reviewer.reviewerId());
        return authenticated(reviewer.principal());
    }

    static Authentication authenticated(ReviewerPrincipal principal) {
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, AuthorityUtils.createAuthorityList(principal.role().authorities()));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
