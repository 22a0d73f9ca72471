package org.openkyc;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OpenKycApplication {

    /** Commands the executable runs instead of the server ({@code java -jar openkyc.jar reviewer add ...}). */
    private static final java.util.Set<String> COMMANDS = java.util.Set.of("reviewer");

    public static void main(String[] args) {
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            System.exit(runCommand(args));
        }
        SpringApplication.run(OpenKycApplication.class, args);
    }

    /**
     * A command: the same configuration and database as the server, but no web server, no
     * background workers and no first-start setup; the command's exit status is the process's.
     */
    static int runCommand(String[] args) {
        SpringApplication app = new SpringApplication(OpenKycApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(Map.of(
                "openkyc.command", args[0],
                "openkyc.kyc.worker-enabled", "false",
                "openkyc.webhooks.worker-enabled", "false",
                "logging.level.root", "WARN"));
        // The command's own options (--username x) are not Spring properties.
        return SpringApplication.exit(app.run(new String[] {"--openkyc.command-args=" + String.join("\u001f", args)}));
    }
}
