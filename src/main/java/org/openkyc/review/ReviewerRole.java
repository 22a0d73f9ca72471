package org.openkyc.review;

import java.util.Locale;
import java.util.Optional;

/** What a reviewer may do: a supervisor also gives the second approval of a watchlist match (four eyes). */
enum ReviewerRole {
    REVIEWER, SUPERVISOR;

    public String wire() { // public: the console's templates call it
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ReviewerRole> parse(String value) {
        for (ReviewerRole role : values()) {
            if (role.wire().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** Spring Security's authority: a supervisor holds both. */
    String[] authorities() {
        return this == SUPERVISOR ? new String[] {"ROLE_REVIEWER", "ROLE_SUPERVISOR"} : new String[] {"ROLE_REVIEWER"};
    }
}
