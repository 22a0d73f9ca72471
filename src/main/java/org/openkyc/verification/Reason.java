package org.openkyc.verification;

/**
 * A machine-readable reason code, the check that gave it, and a sentence for people (SPEC §5.2,
 * §8): {@code {"code", "check", "message"}} in the status response. Every code is in the reason
 * catalogue ({@code verification/reasons.tsv}); {@link #of} takes the check and sentence from there.
 */
public record Reason(String code, String check, String message) {

    /** Reasons stored before the check was recorded (no {@code check}) show the catalogue's. */
    public Reason {
        if (check == null && code != null) {
            check = ReasonCatalogue.find(code).map(ReasonCatalogue.Entry::check).orElse(null);
        }
    }

    /** The catalogue's reason: its check and its sentence. */
    public static Reason of(String code) {
        ReasonCatalogue.Entry entry = ReasonCatalogue.find(code)
                .orElseThrow(() -> new IllegalArgumentException("reason code not in the catalogue: " + code));
        return new Reason(code, entry.check(), entry.sentence());
    }

    /** The catalogue's sentence for a code some check raised; {@code check} where the catalogue says any check may. */
    static Reason of(String code, String check) {
        return ReasonCatalogue.find(code)
                .map(e -> new Reason(code, ReasonCatalogue.ANY_CHECK.equals(e.check()) ? check : e.check(), e.sentence()))
                .orElseGet(() -> new Reason(code, check, "Reason " + code + "."));
    }
}
