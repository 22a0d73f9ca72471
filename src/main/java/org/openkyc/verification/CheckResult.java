package org.openkyc.verification;

import java.util.Map;

/**
 * What one check found. {@code NOT_RUN} means the check could not run (a dependency down): the
 * attempt is retried and never passed on it (SPEC §8.2).
 */
public record CheckResult(String check, Outcome outcome, Reason reason, Map<String, Object> evidence) {

    public enum Outcome { CLEAR, HIT, NOT_RUN }

    public static CheckResult clear(String check) {
        return new CheckResult(check, Outcome.CLEAR, null, Map.of());
    }

    public static CheckResult hit(String check, String code, String message, Map<String, Object> evidence) {
        return new CheckResult(check, Outcome.HIT, new Reason(code, check, message), evidence);
    }

    public static CheckResult notRun(String check, String why) {
        return new CheckResult(check, Outcome.NOT_RUN, new Reason("check_unavailable", check, why), Map.of());
    }
}
