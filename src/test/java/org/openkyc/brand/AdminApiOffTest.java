package org.openkyc.brand;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.springframework.test.context.TestPropertySource;

/** With no operator token configured, the admin API does not exist. */
@TestPropertySource(properties = "openkyc.admin-token=")
class AdminApiOffTest extends ApiTestBase {

    @Test
    void adminRoutesAre404WithoutAConfiguredToken() {
        var response = anonymous().with("X-Admin-Token", "").post("/admin/brands", Map.of("name", "x"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("Code").stringValue()).isEqualTo("not_found");
        assertThat(anonymous().with("X-Admin-Token", ADMIN_TOKEN).post("/admin/brands", Map.of("name", "x")).status()).isEqualTo(404);
    }
}
