package org.openkyc.operator;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openkyc.db.DbTime;
import org.openkyc.brand.Brands;
import org.openkyc.config.OpenKycProperties;
import org.openkyc.privacy.OwnerOnlyFiles;
import org.openkyc.review.Reviewers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;


import tools.jackson.databind.json.JsonMapper;

/**
 * SPEC §2 first start: on an empty database in sandbox mode, create a sandbox brand, key and
 * default program, and a reviewer account for the review console (issue 17), print them once and
 * write them to an owner-only file, so a new user can make the first call and open the console
 * within a minute. A marker row makes this happen once even when several instances
 * start together. Live mode creates nothing: operators use the admin API.
 */
@Component
class FirstStart implements ApplicationRunner {

    static final String CREDENTIALS_FILE = "sandbox-credentials.json";
    static final String SANDBOX_REVIEWER = "sandbox-reviewer";
    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

    private final OpenKycProperties properties;
    private final Brands brands;
    private final Onboarding onboarding;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final Reviewers reviewers;
    /** Set when the executable runs a command ({@code openkyc reviewer ...}) rather than the server: nothing to set up then. */
    private final String command;
    private final String publicUrl;

    FirstStart(OpenKycProperties properties, Brands brands, Onboarding onboarding, JdbcClient jdbc,
               TransactionTemplate transactions, JsonMapper json, Clock clock, Reviewers reviewers,
               @Value("${openkyc.command:}") String command, @Value("${openkyc.kyc.public-url:http://localhost:8080}") String publicUrl) {
        this.clock = clock;
        this.reviewers = reviewers;
        this.command = command;
        this.publicUrl = publicUrl;
        this.properties = properties;
        this.brands = brands;
        this.onboarding = onboarding;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!command.isEmpty() || brands.anyBrandExists()) {
            return;
        }
        if (!properties.sandbox()) {
            log.warn("No brand exists yet. Live mode creates none by itself: set OPENKYC_ADMIN_TOKEN and POST /admin/brands.");
            return;
        }
        record Sandbox(Onboarding.NewBrand brand, Reviewers.Created reviewer) {
        }
        Sandbox sandbox;
        try {
            sandbox = transactions.execute(status -> {
                jdbc.sql("INSERT INTO bootstrap_marker (name, date_created) VALUES ('sandbox-brand', ?)")
                        .param(DbTime.toDb(DbTime.now(clock))).update();
                Onboarding.NewBrand created = onboarding.createBrand("Sandbox brand", true);
                // A supervisor of every brand, so the one sandbox user sees every kind of case.
                return new Sandbox(created, reviewers.create(SANDBOX_REVIEWER, null, "supervisor", null));
            });
        } catch (DuplicateKeyException e) {
            return; // another instance did it
        }
        Onboarding.NewBrand brand = sandbox.brand();
        String consoleUrl = publicUrl.replaceAll("/+$", "") + "/console";
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("identity", brand.identity().toString());
        credentials.put("authorization", brand.authorization());
        credentials.put("program_id", brand.programId().toString());
        credentials.put("brand_id", brand.brandId().toString());
        credentials.put("console_url", consoleUrl);
        credentials.put("reviewer_username", sandbox.reviewer().account().username());
        credentials.put("reviewer_password", sandbox.reviewer().password());
        Path file = properties.dataDir().resolve(CREDENTIALS_FILE).toAbsolutePath();
        OwnerOnlyFiles.write(file, out -> out.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(credentials)));
        // Printed to the console once, on purpose and not through the log (SPEC §2 first start).
        System.out.printf("""

                ==================== OpenKYC sandbox credentials (shown once) ====================
                  Identity:      %s
                  Authorization: %s
                  program_id:    %s
                  Review console %s
                    username:    %s
                    password:    %s
                  Saved to %s (readable only by you).
                ==================================================================================

                """, brand.identity(), brand.authorization(), brand.programId(), consoleUrl, sandbox.reviewer().account().username(),
                sandbox.reviewer().password(), file);
    }
}
