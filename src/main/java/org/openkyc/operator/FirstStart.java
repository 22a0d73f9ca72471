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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;


import tools.jackson.databind.json.JsonMapper;

/**
 * SPEC §2 first start: on an empty database in sandbox mode, create a sandbox brand, key and
 * default program, print them once and write them to an owner-only file, so a new user can make
 * the first call within a minute. A marker row makes this happen once even when several instances
 * start together. Live mode creates nothing: operators use the admin API.
 */
@Component
class FirstStart implements ApplicationRunner {

    static final String CREDENTIALS_FILE = "sandbox-credentials.json";
    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

    private final OpenKycProperties properties;
    private final Brands brands;
    private final Onboarding onboarding;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    FirstStart(OpenKycProperties properties, Brands brands, Onboarding onboarding, JdbcClient jdbc,
               TransactionTemplate transactions, JsonMapper json, Clock clock) {
        this.clock = clock;
        this.properties = properties;
        this.brands = brands;
        this.onboarding = onboarding;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (brands.anyBrandExists()) {
            return;
        }
        if (!properties.sandbox()) {
            log.warn("No brand exists yet. Live mode creates none by itself: set OPENKYC_ADMIN_TOKEN and POST /admin/brands.");
            return;
        }
        Onboarding.NewBrand brand;
        try {
            brand = transactions.execute(status -> {
                jdbc.sql("INSERT INTO bootstrap_marker (name, date_created) VALUES ('sandbox-brand', ?)")
                        .param(DbTime.toDb(DbTime.now(clock))).update();
                return onboarding.createBrand("Sandbox brand", true);
            });
        } catch (DuplicateKeyException e) {
            return; // another instance did it
        }
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("identity", brand.identity().toString());
        credentials.put("authorization", brand.authorization());
        credentials.put("program_id", brand.programId().toString());
        credentials.put("brand_id", brand.brandId().toString());
        Path file = properties.dataDir().resolve(CREDENTIALS_FILE).toAbsolutePath();
        OwnerOnlyFiles.write(file, out -> out.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(credentials)));
        // Printed to the console once, on purpose and not through the log (SPEC §2 first start).
        System.out.printf("""

                ==================== OpenKYC sandbox credentials (shown once) ====================
                  Identity:      %s
                  Authorization: %s
                  program_id:    %s
                  Saved to %s (readable only by you).
                ==================================================================================

                """, brand.identity(), brand.authorization(), brand.programId(), file);
    }
}
