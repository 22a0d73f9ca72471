package org.openkyc.program;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.openkyc.api.JsonBody;
import org.openkyc.api.Rule;

import io.swagger.v3.oas.annotations.media.Schema;

/** A program's KYC rules (SPEC §3). Field names are the wire names. */
@Schema(name = "KycPolicy")
public record KycPolicy(
        List<String> required_fields,
        boolean require_ip,
        int min_age,
        int max_kyc_attempts,
        int document_deadline_days,
        List<String> watchlists,
        double watchlist_review_threshold,
        List<String> allowed_countries) {

    public static final List<String> REQUIRABLE_FIELDS = List.of("ssn", "phone", "phone_country_code", "email", "ip");
    public static final List<String> WATCHLISTS = ProgramWatchlists.NAMES;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public static KycPolicy defaults() {
        return new KycPolicy(List.of("ssn", "phone", "phone_country_code", "email"), false, 18, 3, 30,
                WATCHLISTS, 0.85, List.of("US"));
    }

    /**
     * This policy with the fields present in {@code body} replaced; errors go to the body's
     * error collector. Every field is optional: what is not given keeps its current value.
     */
    KycPolicy merge(JsonBody body) {
        var requiredFields = body.stringList("required_fields", false, Rule.oneOf(REQUIRABLE_FIELDS));
        var requireIp = body.bool("require_ip", false);
        var minAge = body.integer("min_age", false, Rule.that(v -> v >= 0 && v <= 125, "Must be greater than or equal to 0 and less than or equal to 125."));
        var maxAttempts = body.integer("max_kyc_attempts", false, Rule.that(v -> v >= 1 && v <= 100, "Must be greater than or equal to 1 and less than or equal to 100."));
        var deadline = body.integer("document_deadline_days", false, Rule.that(v -> v >= 1 && v <= 365, "Must be greater than or equal to 1 and less than or equal to 365."));
        var watchlists = body.stringList("watchlists", false, Rule.oneOf(WATCHLISTS));
        var threshold = body.number("watchlist_review_threshold", false, Rule.that(v -> v > 0 && v <= 1, "Must be greater than 0 and less than or equal to 1."));
        var countries = body.stringList("allowed_countries", false, Rule.that(COUNTRIES::contains, "Not a valid ISO 3166-1 alpha-2 country code."));
        if (countries.present() && countries.value().isEmpty()) {
            body.errors().add("allowed_countries", "Shorter than minimum length 1.");
        }
        body.finish();
        return new KycPolicy(
                requiredFields.map(KycPolicy::distinct).orElse(required_fields),
                requireIp.orElse(require_ip),
                minAge.orElse(min_age),
                maxAttempts.orElse(max_kyc_attempts),
                deadline.orElse(document_deadline_days),
                watchlists.map(KycPolicy::distinct).orElse(this.watchlists),
                threshold.orElse(watchlist_review_threshold),
                countries.map(KycPolicy::distinct).orElse(allowed_countries));
    }

    private static List<String> distinct(List<String> values) {
        return values.stream().distinct().toList();
    }
}
