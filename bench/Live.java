import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * Live-mode KYC end to end (issue 16): every check of SPEC §8.1 runs (watchlist screening
 * included), the server decides and delivers the outcome webhook to the receiver in this process.
 * Run from source by bench/live (with P2.java beside it, whose wrk helpers it uses):
 *
 * <pre>
 * java bench/Live.java seed BRAND_ID COUNT KEY_ID KEY_BASE64 CSV      customers with names and encrypted DOBs, for COPY
 * java bench/Live.java seed-submitted BRAND_ID COUNT KEY_ID KEY_BASE64 CSV BLIND_INDEX_KEY_BASE64 SSN_OFFSET
 *                                         the same, with what a live KYC request stores (SSN encrypted and
 *                                         blind-indexed, phone, e-mail) and kyc_status submitted (bench/evaluator-live)
 * java bench/Live.java run BASE_URL IDENTITY SECRET PROGRAM_ID WARM_CUSTOMERS RUN_CUSTOMERS RECEIVER_PORT SECONDS CLIENTS WARM_UP_SECONDS KEYSTORE
 * </pre>
 *
 * Live mode delivers to https receivers only: the receiver serves TLS with the PKCS12 KEYSTORE
 * (password {@code changeit}), whose certificate the server is told to trust.
 *
 * The run: wrk submits for the warm-up, then a wrk GET baseline, then wrk submits for SECONDS; the
 * receiver notes the first decision event (success, failure, under_review, document_required,
 * error, timeout) per customer. KYC/s decided and delivered = all decided / time from the start of
 * the load to the last decision; "keeping up" compares decisions with submissions during the load.
 */
public class Live {

    private static final Pattern CUSTOMER = Pattern.compile("\"customer_id\": ?\"([0-9a-f-]{36})\"");
    private static final Pattern EVENT = Pattern.compile("\"event\": ?\"(kyc\\.verification\\.[a-z_]+)\"");
    private static final Map<String, Long> decided = new ConcurrentHashMap<>();
    private static final Map<String, String> outcome = new ConcurrentHashMap<>();

    private static final String[] FIRST = {"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
            "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Daniel", "Nancy",
            "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Sandra", "Donald", "Ashley", "Steven", "Kimberly", "Paul", "Emily"};
    private static final String[] LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
            "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker",
            "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell"};

    public static void main(String[] args) throws Exception {
        if (args[0].equals("seed")) {
            seed(UUID.fromString(args[1]), Integer.parseInt(args[2]), args[3], Base64.getDecoder().decode(args[4]), Path.of(args[5]));
        } else if (args[0].equals("seed-submitted")) {
            seedSubmitted(UUID.fromString(args[1]), Integer.parseInt(args[2]), args[3], Base64.getDecoder().decode(args[4]), Path.of(args[5]),
                    Base64.getDecoder().decode(args[6]), Integer.parseInt(args[7]));
        } else {
            run(args);
        }
    }

    /** Customers as the server would store them: name, DOB encrypted as PersonalDataCipher does (AES-GCM, purpose as AAD). */
    private static void seed(UUID brand, int count, String keyId, byte[] key, Path csv) throws Exception {
        Random random = new Random(16);
        SecureRandom ivs = new SecureRandom();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        SecretKeySpec spec = new SecretKeySpec(key, "AES");
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv))) {
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                LocalDate dob = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(50 * 365));
                byte[] iv = new byte[12];
                ivs.nextBytes(iv);
                cipher.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(128, iv));
                cipher.updateAAD(("customer.dob:" + id).getBytes(StandardCharsets.UTF_8));
                byte[] sealed = cipher.doFinal(dob.toString().getBytes(StandardCharsets.UTF_8));
                String dobEnc = "v1:" + keyId + ":" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
                out.println(id + "," + brand + "," + FIRST[random.nextInt(FIRST.length)] + "," + LAST[random.nextInt(LAST.length)] + "," + dobEnc
                        + ",3,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z");
            }
        }
    }

    /**
     * Customers as a live KYC request leaves them (bench/live-kyc-submit.lua's data): name, DOB and
     * SSN encrypted, the SSN's blind index as BlindIndex computes it, phone, e-mail, kyc_status
     * submitted. Columns: customer_id, brand_id, first_name, last_name, dob_enc, ssn_enc, ssn_last4,
     * ssn_bidx, phone, phone_country_code, email, kyc_status, kyc_requests_available, date_created, date_updated.
     */
    private static void seedSubmitted(UUID brand, int count, String keyId, byte[] key, Path csv, byte[] blindKey, int ssnOffset) throws Exception {
        Random random = new Random(16 + ssnOffset);
        SecureRandom ivs = new SecureRandom();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        SecretKeySpec spec = new SecretKeySpec(key, "AES");
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(blindKey, "HmacSHA256"));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv))) {
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                int n = i + ssnOffset;
                String ssn = String.format("%03d%02d%04d", 401 + n / (99 * 9999), n / 9999 % 99 + 1, n % 9999 + 1);
                String dobEnc = seal(cipher, spec, ivs, keyId, "customer.dob:" + id, LocalDate.of(1950, 1, 1).plusDays(random.nextInt(50 * 365)).toString());
                String ssnEnc = seal(cipher, spec, ivs, keyId, "customer.ssn:" + id, ssn);
                String bidx = java.util.HexFormat.of().formatHex(mac.doFinal(("ssn:" + ssn).getBytes(StandardCharsets.UTF_8)));
                out.println(id + "," + brand + "," + FIRST[random.nextInt(FIRST.length)] + "," + LAST[random.nextInt(LAST.length)] + "," + dobEnc
                        + "," + ssnEnc + "," + ssn.substring(5) + "," + bidx + ",512-867-5309,1,applicant" + n + "@example.com,submitted"
                        + ",2,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z");
            }
        }
    }

    /** AES-GCM with the purpose as AAD, as PersonalDataCipher seals: v1:KEY_ID:base64(iv + ciphertext + tag). */
    private static String seal(Cipher cipher, SecretKeySpec spec, SecureRandom ivs, String keyId, String purpose, String value) throws Exception {
        byte[] iv = new byte[12];
        ivs.nextBytes(iv);
        cipher.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(128, iv));
        cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return "v1:" + keyId + ":" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
    }

    private static void run(String[] args) throws Exception {
        String base = args[1], identity = args[2], secret = args[3], program = args[4];
        Path warmCustomers = Path.of(args[5]), runCustomers = Path.of(args[6]);
        int receiverPort = Integer.parseInt(args[7]);
        int seconds = Integer.parseInt(args[8]);
        int clients = Integer.parseInt(args[9]);
        int warmUp = Integer.parseInt(args[10]);
        startReceiver(receiverPort, Path.of(args[11]));

        System.out.println("warm-up: " + warmUp + " s of live KYC submissions, " + clients + " connections");
        Path warm = Files.createTempFile("live-warm", ".txt");
        wrk(warm, clients, warmUp, base, program, identity, secret, warmCustomers, 0);
        long warmAccepted = P2.wrkStatus(warm, 201);
        awaitDecisions(warmAccepted, 180_000);
        System.out.printf("  %d accepted (%s req/s), %d decided%n", warmAccepted, P2.requestsPerSecond(warm), decided.size());

        Path getOut = Files.createTempFile("live-get", ".txt");
        P2.run(getOut, "wrk", "-t2", "-c" + clients, "-d" + seconds + "s", base + "/actuator/health/liveness");
        System.out.println("baseline: wrk GET /actuator/health/liveness, " + clients + " connections: " + P2.requestsPerSecond(getOut) + " req/s");

        decided.clear();
        outcome.clear();
        Path out = Files.createTempFile("live-wrk", ".txt");
        long start = System.nanoTime();
        Thread timeline = Thread.ofPlatform().daemon().start(() -> timeline(base, start));
        wrk(out, clients, seconds, base, program, identity, secret, runCustomers, 1_000_000);
        long loadEnd = System.nanoTime();
        long decidedDuringLoad = decided.size();
        long accepted = P2.wrkStatus(out, 201);
        awaitDecisions(accepted, 300_000);
        timeline.interrupt();
        long last = decided.values().stream().mapToLong(Long::longValue).max().orElse(start);
        double loadSeconds = (loadEnd - start) / 1e9;
        Map<String, Integer> byOutcome = new TreeMap<>();
        outcome.values().forEach(o -> byOutcome.merge(o.replace("kyc.verification.", ""), 1, Integer::sum));
        System.out.printf("live KYC, wrk %d connections for %d s: %d accepted (%s req/s, other statuses: %s)%n",
                clients, seconds, accepted, P2.requestsPerSecond(out), P2.otherStatuses(out));
        System.out.printf("  during the load: %.0f submitted/s, %.0f decided and delivered/s; backlog at the end of the load: %d%n",
                accepted / loadSeconds, decidedDuringLoad / loadSeconds, Math.max(0, accepted - decidedDuringLoad));
        System.out.printf("  all %d decided and delivered %.1f s after the start: %.0f KYC/s end to end (target >= 1000); %d missing; outcomes %s%n",
                decided.size(), (last - start) / 1e9, decided.size() / ((last - start) / 1e9), Math.max(0, accepted - decided.size()), byOutcome);
        System.exit(0);
    }

    /**
     * Every 5 s from the start of the measured load, the server's own counters beside the
     * receiver's: attempts decided (openkyc.kyc.decisions) and deliveries that succeeded
     * (openkyc.webhooks.deliveries, submitted events included: two per attempt) per second, the
     * events not yet fanned out and the deliveries waiting (gauges, at most 5 s old), and decisions
     * received here. It tells a lagging evaluator from a lagging dispatcher.
     */
    private static void timeline(String base, long start) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest scrape = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/actuator/prometheus")).build();
        System.out.println("  timeline: s, decided/s, deliveries succeeded/s, received decisions/s, outbox backlog, delivery backlog");
        double[] previous = null;
        int previousReceived = 0;
        try {
            for (int tick = 1; ; tick++) {
                Thread.sleep(Math.max(0, start / 1_000_000 + tick * 5_000L - System.nanoTime() / 1_000_000));
                String metrics = http.send(scrape, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                double[] now = {sum(metrics, "openkyc_kyc_decisions_total"), sum(metrics, "openkyc_webhooks_deliveries_total{result=\"success\""),
                        sum(metrics, "openkyc_outbox_backlog"), sum(metrics, "openkyc_webhooks_backlog")};
                int received = decided.size();
                if (previous != null) {
                    System.out.printf("  %4d %7.0f %7.0f %7.0f %8.0f %8.0f%n", tick * 5, (now[0] - previous[0]) / 5, (now[1] - previous[1]) / 5,
                            (received - previousReceived) / 5.0, now[2], now[3]);
                }
                previous = now;
                previousReceived = received;
            }
        } catch (InterruptedException | IOException e) {
            // the run is over
        }
    }

    /** The sum of every sample of one metric (all its tags) in a Prometheus scrape. */
    private static double sum(String metrics, String prefix) {
        return metrics.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static void wrk(Path out, int clients, int seconds, String base, String program, String identity, String secret,
                            Path customers, int ssnOffset) throws IOException, InterruptedException {
        P2.run(out, "wrk", "-t2", "-c" + clients, "-d" + seconds + "s", "-s", "bench/live-kyc-submit.lua", base, "--",
                program, identity, secret, "2", customers.toString(), String.valueOf(ssnOffset));
    }

    private static void awaitDecisions(long count, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (decided.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Notes the first decision event per customer (the submitted event is not a decision). */
    private static void startReceiver(int port, Path keyStore) throws Exception {
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory managers = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "changeit".toCharArray());
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            long now = System.nanoTime();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Matcher event = EVENT.matcher(body);
            Matcher customer = CUSTOMER.matcher(body);
            if (event.find() && customer.find() && !event.group(1).equals("kyc.verification.submitted")
                    && !event.group(1).equals("kyc.verification.reenter_information")) {
                if (decided.putIfAbsent(customer.group(1), now) == null) {
                    outcome.put(customer.group(1), event.group(1));
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }
}
