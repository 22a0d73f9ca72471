import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 17: the console's page times. Run as a single-file program by bench/console, in two modes:
 *
 * <pre>java bench/Console.java fill BASE IDENTITY SECRET PROGRAM_ID CASES CLIENTS
 * java bench/Console.java measure BASE USERNAME PASSWORD CASE_ID REQUESTS SERVER_PID POSTMASTER_PID</pre>
 *
 * {@code fill} creates CASES customers through the brand API and starts a sandbox KYC for each with
 * the SSN that sends it to review (000-00-0000), so every case is a real one (attempt, checks,
 * timeline). {@code measure} signs in through the login form like a browser, then requests each
 * page REQUESTS times one after the other on one keep-alive connection (after as many again to
 * warm up), beside GET /actuator/health as the baseline, and prints p50 / p99 / max. The client is
 * on the same machine (loopback): the times are the server's plus a few tens of microseconds.
 * Beside them, the CPU each request cost the server and the benchmark's PostgreSQL (its postmaster
 * and every process under it): on a shared, busy machine the times stretch with the load, the CPU
 * per request much less.
 */
public class Console {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CUSTOMER = Pattern.compile("\"customer_id\": ?\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "fill" -> fill(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            case "measure" -> measure(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]), Long.parseLong(args[6]),
                    Long.parseLong(args[7]));
            default -> throw new IllegalArgumentException("fill or measure");
        }
    }

    private static void fill(String base, String identity, String secret, String program, int cases, int clients) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String customer = """
                {"first_name":"Bench","last_name":"Reviewed","dob":"1980-01-01","addresses":[{"address_type":"PHYSICAL","street":"1 Main St",
                "city":"Austin","state":"TX","zip_code":"78701","country":"US"}]}""";
        String kyc = "{\"program_id\":\"" + program + "\",\"ssn\":\"000-00-0000\",\"phone\":\"512-867-5309\",\"phone_country_code\":\"1\","
                + "\"email\":\"bench@example.com\"}";
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                work.add(pool.submit(() -> {
                    while (next.getAndIncrement() < cases) {
                        try {
                            HttpResponse<String> created = client.send(brand(base + "/api/v0.1/customers", identity, secret, customer),
                                    HttpResponse.BodyHandlers.ofString());
                            Matcher id = CUSTOMER.matcher(created.body());
                            if (created.statusCode() != 201 || !id.find()) {
                                failed.incrementAndGet();
                                continue;
                            }
                            HttpResponse<String> started = client.send(brand(base + "/api/v0.1/customers/" + id.group(1) + "/verification-kyc",
                                    identity, secret, kyc), HttpResponse.BodyHandlers.ofString());
                            if (started.statusCode() != 201) {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        }
        System.out.println("filled: " + cases + " KYC starts sent to review, " + failed.get() + " failed");
    }

    private static HttpRequest brand(String url, String identity, String secret, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Identity", identity).header("Authorization", secret)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static void measure(String base, String username, String password, String caseId, int requests, long server, long postmaster)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        login(client, base, username, password);
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("baseline GET /actuator/health", "/actuator/health|");
        pages.put("queue page (GET /console, 50 oldest open cases)", "/console|data-page=\"queue\"");
        pages.put("queue page 20, filtered by reason (offset 950)", "/console?reason=sandbox_review&page=20|data-page=\"queue\"");
        pages.put("case page (GET /console/cases/{id}, audited view)", "/console/cases/" + caseId + "|id=\"timeline\"");
        pages.put("audit page (GET /console/audit, 100 lines)", "/console/audit|data-page=\"audit\"");
        pages.put("audit page filtered by case", "/console/audit?case_id=" + caseId + "|data-page=\"audit\"");
        for (Map.Entry<String, String> page : pages.entrySet()) {
            String[] target = page.getValue().split("\\|", 2);
            time(client, base + target[0], target[1], requests); // warm-up, not reported
            double serverBefore = cpuMillis(server, false);
            double pgBefore = cpuMillis(postmaster, true);
            double[] ms = time(client, base + target[0], target[1], requests);
            double serverCpu = (cpuMillis(server, false) - serverBefore) / requests;
            double pgCpu = (cpuMillis(postmaster, true) - pgBefore) / requests;
            Arrays.sort(ms);
            System.out.printf("%-55s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (%d requests)  CPU per request: server %.2f ms, PostgreSQL %.2f ms%n",
                    page.getKey(), ms[ms.length / 2], ms[(int) Math.min(ms.length - 1, Math.ceil(ms.length * 0.99) - 1)], ms[ms.length - 1],
                    ms.length, serverCpu, pgCpu);
        }
    }

    /** Signs in through the form as a browser does: the login page's CSRF token, then the POST; the session cookie stays in the client. */
    private static void login(HttpClient client, String base, String username, String password) throws Exception {
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/console/login")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(page.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
        HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(URI.create(base + "/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || location.contains("/console/login")) {
            throw new IllegalStateException("sign-in failed: " + signedIn.statusCode() + " " + location);
        }
    }

    private static double[] time(HttpClient client, String url, String marker, int requests) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        double[] ms = new double[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            ms[i] = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() != 200 || !response.body().contains(marker)) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + " without " + marker);
            }
        }
        return ms;
    }

    /** CPU time used so far by the process (and, with {@code tree}, every process under it), in milliseconds. */
    private static double cpuMillis(long pid, boolean tree) {
        ProcessHandle root = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        List<ProcessHandle> all = new ArrayList<>(List.of(root));
        if (tree) {
            root.descendants().forEach(all::add);
        }
        return all.stream().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum() / 1e6;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
