package org.openkyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openkyc.testing.Http;
import org.openkyc.testing.TestDatabase;

import tools.jackson.databind.JsonNode;

/**
 * {@code openkyc reviewer ...}: the executable's own command line for reviewer accounts, on the
 * server's configuration and database (here a fresh one), without starting a server.
 */
@Tag("db")
class ReviewerCommandLineTest {

    private Map<String, String> database;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream stdout;
    private PrintStream stderr;

    @BeforeEach
    void freshDatabase() {
        database = TestDatabase.fresh();
        database.forEach(System::setProperty);
        stdout = System.out;
        stderr = System.err;
    }

    @AfterEach
    void restore() {
        database.keySet().forEach(System::clearProperty);
        System.setOut(stdout);
        System.setErr(stderr);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return OpenKycApplication.runCommand(args);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    private JsonNode output() {
        // The command's one JSON value; a log line the context writes after it (at shutdown) is not part of it.
        String text = out.toString(StandardCharsets.UTF_8);
        return Http.JSON.reader().without(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readTree(text.substring(text.indexOf('{')));
    }

    @Test
    void addsAReviewerIssuesATokenAndRefusesBadCommands() {
        assertThat(run("reviewer", "add", "--username", "Grace", "--role", "supervisor")).as(err.toString()).isZero();
        JsonNode added = output();
        assertThat(added.get("username").stringValue()).isEqualTo("grace");
        assertThat(added.get("role").stringValue()).isEqualTo("supervisor");
        assertThat(added.get("password").stringValue()).hasSizeGreaterThanOrEqualTo(12);

        assertThat(run("reviewer", "token", "--username", "grace", "--name=nightly")).as(err.toString()).isZero();
        JsonNode token = output();
        assertThat(token.get("token").stringValue()).startsWith("rvt_");
        assertThat(token.get("reviewer_id").stringValue()).isEqualTo(added.get("reviewer_id").stringValue());

        // A second account with the same name, an unknown verb, a missing option: refused, exit status 2.
        assertThat(run("reviewer", "add", "--username", "grace", "--role", "reviewer")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("reviewer_exists");
        assertThat(run("reviewer", "remove", "--username", "grace")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown reviewer command");
        assertThat(run("reviewer", "deactivate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--username is required");
    }
}
