package org.openkyc.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reason catalogue is complete, agrees with SPEC §8.2, and is what Decision decides by. */
class ReasonCatalogueTest {

    private static final Path SOURCES = Path.of("src/main/java/org/openkyc/verification");
    private static final Pattern HIT = Pattern.compile("CheckResult\\.hit\\(\\s*name\\(\\)\\s*,\\s*\"([a-z_]+)\"");
    private static final Pattern CHECK_NAME = Pattern.compile("public String name\\(\\) \\{\\s*return \"([a-z_]+)\";");

    private static String sources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    private static Set<String> all(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void everyCodeAChecksCanEmitIsInTheCatalogue() throws IOException {
        Set<String> emitted = all(HIT, sources());
        assertThat(emitted).as("codes in the checks' sources").hasSizeGreaterThan(15);
        for (String code : emitted) {
            assertThat(ReasonCatalogue.find(code)).as("%s is emitted by a check but missing from %s", code, ReasonCatalogue.RESOURCE).isPresent();
        }
    }

    @Test
    void everyCataloguedCheckExists() throws IOException {
        Set<String> checks = all(CHECK_NAME, sources());
        checks.add("(any check)");
        checks.add("watchlist"); // the screening check (issue 15) is not built yet; its codes are catalogued already
        checks.add("sandbox"); // the codes of the process's own steps (effect state), not of a check
        checks.add("deadline");
        checks.add("evaluation");
        checks.add("review"); // a reviewer's decision (review.Decision's codes)
        for (ReasonCatalogue.Entry entry : ReasonCatalogue.entries()) {
            assertThat(checks).as("the check of %s", entry.code()).contains(entry.check());
            assertThat(entry.sentence()).as(entry.code()).isNotBlank().endsWith(".");
            if (entry.effect() == ReasonCatalogue.Effect.REENTER) {
                assertThat(entry.documents()).as(entry.code()).isNotEmpty().isSubsetOf("government_id", "proof_of_address", "social_security_card");
            }
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "underage, FAIL", "country_not_allowed, FAIL", "watchlist_confirmed_match, FAIL",
            "ssn_invalid, REENTER", "phone_invalid, REENTER", "zip_state_mismatch, REENTER",
            "watchlist_potential_match, REVIEW", "ssn_shared, REVIEW", "ssn_dob_mismatch, REVIEW"})
    void theEffectsSpec82Names(String code, ReasonCatalogue.Effect effect) {
        assertThat(ReasonCatalogue.find(code)).hasValueSatisfying(e -> assertThat(e.effect()).isEqualTo(effect));
    }

    private static CheckResult hit(String code) {
        return CheckResult.hit("x", code, "message", Map.of());
    }

    @Test
    void decisionDecidesByTheCatalogue() {
        assertThat(Decision.decide(List.of(hit("licence_state_differs"))).kind()).as("a note alone").isEqualTo(Verdict.Kind.PASSED);
        assertThat(Decision.decide(List.of(hit("not_catalogued"))).kind()).as("unknown is never a pass").isEqualTo(Verdict.Kind.UNDER_REVIEW);
        Verdict reenter = Decision.decide(List.of(hit("zip_state_mismatch"), hit("ssn_invalid"), hit("licence_state_differs")));
        assertThat(reenter.kind()).isEqualTo(Verdict.Kind.DOCUMENT_REQUIRED);
        assertThat(reenter.fields()).containsExactly("addresses", "ssn");
        assertThat(reenter.documents()).containsExactly("government_id", "proof_of_address", "social_security_card");
        assertThat(Decision.decide(List.of(hit("ssn_invalid"), hit("underage"))).kind()).isEqualTo(Verdict.Kind.FAILED);
        assertThat(Decision.decide(List.of(hit("ssn_shared"), hit("licence_state_differs"))).kind()).isEqualTo(Verdict.Kind.UNDER_REVIEW);
    }

    private static final Pattern REASON_OF = Pattern.compile("Reason\\.of\\(\\s*\"([a-z_]+)\"");

    @Test
    void everyReasonTheProcessGivesIsInTheCatalogue() throws IOException {
        Set<String> given = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/openkyc"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                given.addAll(all(REASON_OF, Files.readString(file)));
            }
        }
        assertThat(given).as("codes given by Reason.of in the sources").contains("documents_submitted", "sandbox_simulated", "evaluation_failed");
        for (String code : given) {
            assertThat(ReasonCatalogue.find(code)).as("%s is given but missing from %s", code, ReasonCatalogue.RESOURCE).isPresent();
        }
    }

    @Test
    void aReadMatchingLicenceClearsWhatAGovernmentIdClearsAndNothingElse() {
        List<CheckResult> matching = List.of(new CheckResult("document", CheckResult.Outcome.CLEAR, null, Map.of()), hit("licence_state_differs"));
        Verdict cleared = Decision.afterDocuments(matching, List.of(Reason.of("phone_invalid"), Reason.of("ssn_invalid")));
        assertThat(cleared.kind()).isEqualTo(Verdict.Kind.PASSED);
        assertThat(cleared.reasons()).extracting(Reason::code).containsExactly("documents_verified");
        assertThat(cleared.results()).isEqualTo(matching);

        Verdict standing = Decision.afterDocuments(matching, List.of(Reason.of("phone_invalid"), Reason.of("ssn_shared"), Reason.of("sandbox_documents")));
        assertThat(standing.kind()).as("a review reason still stands").isEqualTo(Verdict.Kind.UNDER_REVIEW);
        assertThat(standing.reasons()).extracting(Reason::code).containsExactly("licence_state_differs", "ssn_shared", "sandbox_documents");

        for (String finding : List.of("licence_mismatch", "licence_expired", "licence_unreadable")) {
            Verdict review = Decision.afterDocuments(List.of(hit(finding)), List.of(Reason.of("zip_state_mismatch")));
            assertThat(review.kind()).as(finding).isEqualTo(Verdict.Kind.UNDER_REVIEW);
            assertThat(review.reasons()).extracting(Reason::code).containsExactly(finding, "zip_state_mismatch");
            assertThat(review.reasons().getFirst().check()).isEqualTo("document");
            assertThat(review.reasons().getFirst().message()).isEqualTo(ReasonCatalogue.find(finding).orElseThrow().sentence());
        }
    }
}
