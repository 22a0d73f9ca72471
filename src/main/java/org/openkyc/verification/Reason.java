package org.openkyc.verification;

/** A machine-readable reason code with a sentence for people (SPEC §5.2, §8). */
public record Reason(String code, String message) {
}
