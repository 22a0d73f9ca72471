package org.openkyc.review;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openkyc.api.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The command line of reviewer accounts, the same executable as the server:
 * <pre>
 *   openkyc reviewer add --username NAME --role reviewer|supervisor [--brand BRAND_ID] [--password-stdin]
 *   openkyc reviewer deactivate --username NAME
 *   openkyc reviewer token --username NAME [--name LABEL]
 *   openkyc reviewer list
 * </pre>
 * A password is read from standard input with {@code --password-stdin} (never from the command
 * line, where other users see it), else generated and printed once. Answers are JSON on standard
 * output; refusals a message on standard error and exit status 2 (1 for anything unexpected).
 */
@Component
@ConditionalOnProperty(name = "openkyc.command", havingValue = "reviewer")
class ReviewerCommand implements ApplicationRunner, ExitCodeGenerator {

    static final String USAGE = """
            usage: openkyc reviewer add --username NAME --role reviewer|supervisor [--brand BRAND_ID] [--password-stdin]
                   openkyc reviewer deactivate --username NAME
                   openkyc reviewer token --username NAME [--name LABEL]
                   openkyc reviewer list""";

    private final Reviewers reviewers;
    private final JsonMapper json;
    private final String[] args;
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private int exitCode;

    ReviewerCommand(Reviewers reviewers, JsonMapper json, @Value("${openkyc.command-args:}") String args) {
        this.reviewers = reviewers;
        this.json = json;
        this.args = args.isEmpty() ? new String[0] : args.split("\u001f", -1);
    }

    @Override
    public void run(ApplicationArguments ignored) throws Exception {
        try {
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(execute(args)));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            exitCode = 2;
        } catch (ApiException e) {
            err.println(json.writeValueAsString(e.envelope()));
            exitCode = 2;
        }
    }

    /** args: {@code reviewer <verb> --option value ...}. */
    Object execute(String[] args) throws java.io.IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("Which reviewer command?");
        }
        Map<String, String> options = options(args);
        return switch (args[1]) {
            case "add" -> {
                String password = options.containsKey("password-stdin") ? readPassword() : null;
                UUID brand = options.get("brand") == null ? null : uuid(options.get("brand"));
                Reviewers.Created created = reviewers.create(required(options, "username"), password, required(options, "role"), brand);
                Map<String, Object> view = account(created.account());
                if (created.password() != null) {
                    view.put("password", created.password());
                }
                yield view;
            }
            case "deactivate" -> {
                Reviewers.Account account = find(required(options, "username"));
                reviewers.deactivate(account.reviewerId());
                yield Map.of("reviewer_id", account.reviewerId().toString(), "status", "inactive");
            }
            case "token" -> {
                Reviewers.Account account = find(required(options, "username"));
                String name = options.getOrDefault("name", "API token");
                yield Map.of("reviewer_id", account.reviewerId().toString(), "name", name, "token", reviewers.issueToken(account.reviewerId(), name));
            }
            case "list" -> Map.of("reviewers", reviewers.all().stream().map(ReviewerCommand::account).toList());
            default -> throw new IllegalArgumentException("Unknown reviewer command: " + args[1]);
        };
    }

    private Reviewers.Account find(String username) {
        return reviewers.byUsername(username).orElseThrow(Reviewers::notFound);
    }

    private static Map<String, Object> account(Reviewers.Account account) {
        Map<String, Object> view = new java.util.LinkedHashMap<>();
        view.put("reviewer_id", account.reviewerId().toString());
        view.put("username", account.username());
        view.put("role", account.role());
        view.put("brand_id", account.brandId() == null ? null : account.brandId().toString());
        view.put("status", account.active() ? "active" : "inactive");
        return view;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> rest = new ArrayList<>(List.of(args).subList(2, args.length));
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument: " + arg);
            }
            String name = arg.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                options.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (name.equals("password-stdin")) {
                options.put(name, "");
            } else if (i + 1 < rest.size()) {
                options.put(name, rest.get(++i));
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--brand must be a brand id (a UUID)");
        }
    }

    private static String readPassword() throws java.io.IOException {
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("--password-stdin: no password on standard input");
        }
        return line;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
