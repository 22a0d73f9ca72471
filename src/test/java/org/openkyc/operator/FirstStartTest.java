package org.openkyc.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openkyc.testing.Http;
import org.openkyc.testing.InProcessServer;
import org.openkyc.testing.TestDatabase;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/** SPEC §2 first start, on a real empty database, started twice as a user would. */
@Tag("db")
@ExtendWith(OutputCaptureExtension.class)
class FirstStartTest {

    static ConfigurableApplicationContext start(Map<String, String> properties) {
        return InProcessServer.start(properties);
    }

    @Test
    void anEmptyDatabaseGetsASandboxBrandOnceWithOwnerOnlyCredentials(CapturedOutput output) throws Exception {
        Map<String, String> setup = TestDatabase.fresh();
        Path credentials = Path.of(setup.get("openkyc.data-dir")).resolve("sandbox-credentials.json");
        JsonNode saved;
        try (var app = start(setup)) {
            assertThat(credentials).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
            saved = Http.JSON.readTree(Files.readString(credentials));
            assertThat(saved.propertyNames()).containsExactlyInAnyOrder("identity", "authorization", "program_id", "brand_id",
                    "console_url", "reviewer_username", "reviewer_password");
            // The console's reviewer account beside the brand's key (issue 17): printed too, its password stored as bcrypt.
            assertThat(output.getOut()).contains(saved.get("reviewer_password").stringValue()).contains("/console");
            String hash = app.getBean(JdbcClient.class).sql("SELECT password_bcrypt FROM reviewer WHERE username = ?")
                    .param(saved.get("reviewer_username").stringValue()).query(String.class).single();
            assertThat(app.getBean(org.springframework.security.crypto.password.PasswordEncoder.class)
                    .matches(saved.get("reviewer_password").stringValue(), hash)).isTrue();
            assertThat(output.getOut()).contains(saved.get("identity").stringValue()).contains(saved.get("authorization").stringValue())
                    .contains(saved.get("program_id").stringValue());

            int port = InProcessServer.port(app);
            Http api = new Http(port).with("Identity", saved.get("identity").stringValue())
                    .with("Authorization", saved.get("authorization").stringValue());
            assertThat(api.get("/api/v0.1/customers").status()).isEqualTo(200);
            assertThat(api.get("/api/v0.1/programs/" + saved.get("program_id").stringValue()).status()).isEqualTo(200);
        }
        int printed = countOccurrences(output.getOut(), saved.get("authorization").stringValue());
        try (var app = start(setup)) {
            assertThat(app.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM brand").query(Long.class).single()).isEqualTo(1);
            assertThat(Http.JSON.readTree(Files.readString(credentials))).isEqualTo(saved);
        }
        assertThat(countOccurrences(output.getOut(), saved.get("authorization").stringValue())).as("printed once").isEqualTo(printed).isEqualTo(1);
    }

    @Test
    void liveModeRefusesToStartWithoutEncryptionKeys() {
        Map<String, String> setup = new HashMap<>(TestDatabase.fresh());
        setup.put("openkyc.mode", "live");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(setup).close())
                .rootCause().hasMessageContaining("Live mode needs encryption keys");
    }

    @Test
    void liveModeWithKeysStartsAndCreatesNoBrand() {
        Map<String, String> setup = new HashMap<>(TestDatabase.fresh());
        setup.put("openkyc.mode", "live");
        setup.put("openkyc.crypto.data-keys", "live1=" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
        setup.put("openkyc.crypto.blind-index-key", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        try (var app = start(setup)) {
            assertThat(app.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM brand").query(Long.class).single()).isZero();
            assertThat(Path.of(setup.get("openkyc.data-dir")).resolve("sandbox-credentials.json")).doesNotExist();
            assertThat(Path.of(setup.get("openkyc.data-dir")).resolve("encryption-keys.properties")).doesNotExist();
        }
    }

    private static int countOccurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
