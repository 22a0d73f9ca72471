package org.openkyc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OpenKycApplication {

    public static void main(String[] args) {
        allowHostHeader();
        SpringApplication.run(OpenKycApplication.class, args);
    }

    /**
     * Webhook requests are sent to the address the SSRF guard checked, with the URL's name in the
     * Host header (so a name that resolves elsewhere a moment later cannot redirect them). The JDK
     * client allows setting Host only when this is set before its first use.
     */
    static void allowHostHeader() {
        String allowed = System.getProperty("jdk.httpclient.allowRestrictedHeaders", "");
        if (!java.util.Arrays.asList(allowed.toLowerCase(java.util.Locale.ROOT).split("\\s*,\\s*")).contains("host")) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", allowed.isBlank() ? "host" : allowed + ",host");
        }
    }
}
