package org.openkyc.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openkyc.OpenKycApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The whole application on a random port, configured as a user would: command-line arguments. */
public final class InProcessServer {

    private InProcessServer() {
    }

    public static ConfigurableApplicationContext start(Map<String, String> config, String... extraArgs) {
        List<String> args = new ArrayList<>();
        config.forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--server.port=0");
        args.addAll(List.of(extraArgs));
        return new SpringApplicationBuilder(OpenKycApplication.class).run(args.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    /** A client of a brand created through the operator API of a server started with {@link ApiTestBase#ADMIN_TOKEN}. */
    public static ApiTestBase.Brand newBrand(int port) {
        var brand = new Http(port).with("X-Admin-Token", ApiTestBase.ADMIN_TOKEN).post("/admin/brands", Map.of("name", "test brand")).json();
        String identity = brand.get("identity").stringValue();
        String authorization = brand.get("authorization").stringValue();
        return new ApiTestBase.Brand(java.util.UUID.fromString(brand.get("brand_id").stringValue()), identity, authorization,
                java.util.UUID.fromString(brand.get("program_id").stringValue()),
                new Http(port).with("Identity", identity).with("Authorization", authorization));
    }
}
