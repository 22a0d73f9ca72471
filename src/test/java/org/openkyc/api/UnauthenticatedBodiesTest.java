package org.openkyc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.openkyc.testing.RawHttp;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Authentication comes before any body is read: slow anonymous uploads are refused with a 401 in
 * the envelope without the server reading them (it closes their connections instead), hold none
 * of the buffered-bytes budget or the heap, and do not hold back an authenticated caller.
 */
class UnauthenticatedBodiesTest extends ApiTestBase {

    private static final int UPLOADS = 40;
    private static final long DECLARED = 19L * 1024 * 1024;

    @Autowired
    private BufferBudget budget;

    @Test
    void slowAnonymousUploadsAreRefusedUnreadAndHoldNothing() throws Exception {
        Brand brand = newBrand();
        String customerId = createCustomer(brand, customerBody());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        List<RawHttp> uploads = new ArrayList<>();
        try {
            for (int i = 0; i < UPLOADS; i++) {
                RawHttp upload = new RawHttp(port);
                uploads.add(upload);
                upload.send("POST /api/v0.1/customers/" + customerId + "/verification-kyc/documents HTTP/1.1\r\nHost: localhost\r\n"
                        + "Identity: " + brand.identity() + "\r\nAuthorization: wrong\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + DECLARED + "\r\n\r\n");
                upload.send(new byte[1024]); // the first KiB of the 19 MiB; the rest never comes
            }

            // While they are open, an authenticated call is served (within the 5 s of SPEC §1.1).
            CompletableFuture<Http.Response> served = CompletableFuture.supplyAsync(() -> brand.api().get("/api/v0.1/customers"));
            assertThat(served.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);

            for (RawHttp upload : uploads) {
                RawHttp.Response refused = upload.read(); // before the body is sent: nobody waits for it
                assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
                assertThat(refused.header("Content-Type")).startsWith("application/json");
                assertThat(refused.header("X-Request-Id")).isNotBlank();
                assertThat(refused.header("Connection")).isEqualTo("close");
                assertThat(refused.json().get("Code").stringValue()).isEqualTo("auth_err");
                assertThat(upload.closedByServer()).as("closed, not read to the end of the body").isTrue();
            }
            assertThat(budget.inUse()).isZero();
            System.gc();
            long grown = memory.getHeapMemoryUsage().getUsed() - heapBefore;
            assertThat(grown).as("heap growth in bytes").isLessThan(UPLOADS * DECLARED / 10);
        } finally {
            for (RawHttp upload : uploads) {
                upload.close();
            }
        }
    }

    /** No filter authenticates a path outside the API's version and the operator routes: none may buffer its body either. */
    @Test
    void aPathNoRouteAuthenticatesHasItsBodyLeftUnread() throws Exception {
        try (RawHttp upload = new RawHttp(port)) {
            upload.send("POST /api/x/verification-kyc/documents HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 19000000\r\n\r\n{\"government_id\": ");
            RawHttp.Response refused = upload.read();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
            assertThat(refused.header("X-Request-Id")).isNotBlank();
            assertThat(budget.inUse()).as("bytes held for an unauthenticated body").isZero();
        }
    }

    @Test
    void operatorRoutesAreAuthenticatedBeforeTheirBodyIsRead() throws Exception {
        long brands = count("brand");
        try (RawHttp upload = new RawHttp(port)) {
            upload.send("POST /admin/brands HTTP/1.1\r\nHost: localhost\r\nX-Admin-Token: wrong\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 900000\r\n\r\n{\"name\": ");
            RawHttp.Response refused = upload.read();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.json().get("Code").stringValue()).isEqualTo("auth_err");
            assertThat(refused.header("X-Request-Id")).isNotBlank();
            assertThat(upload.closedByServer()).isTrue();
        }
        assertThat(count("brand")).isEqualTo(brands);
    }

    @Test
    void aTemporaryKeyOutOfItsScopeIsRefusedBeforeItsBodyIsRead() throws Exception {
        Brand brand = newBrand();
        String customerId = createCustomer(brand, customerBody());
        Http.Response key = brand.api().post("/api/v0.1/auth/key/temporary", java.util.Map.of("customer_id", customerId));
        try (RawHttp upload = new RawHttp(port)) {
            upload.send("POST /api/v0.1/customers HTTP/1.1\r\nHost: localhost\r\nIdentity: " + key.json().get("Identity").stringValue()
                    + "\r\nAuthorization: " + key.json().get("Authorization").stringValue()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 900000\r\n\r\n{");
            RawHttp.Response refused = upload.read();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.json().get("Message").stringValue()).contains("temporary key");
            assertThat(upload.closedByServer()).isTrue();
        }
    }

    /** The call is counted once the body is read and the request admitted: a body refused for its size costs the key nothing. */
    @Test
    void aTemporaryKeysCallIsNotCountedForABodyRefusedForItsSize() throws Exception {
        Brand brand = newBrand();
        String customerId = createCustomer(brand, customerBody());
        Http.Response key = brand.api().post("/api/v0.1/auth/key/temporary", java.util.Map.of("customer_id", customerId));
        String identity = key.json().get("Identity").stringValue();
        String authorization = key.json().get("Authorization").stringValue();
        byte[] chunk = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(chunk, (byte) ' ');
        try (RawHttp upload = new RawHttp(port)) {
            upload.send("POST /api/v0.1/customers/" + customerId + "/verification-kyc HTTP/1.1\r\nHost: localhost\r\nIdentity: " + identity
                    + "\r\nAuthorization: " + authorization + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(chunk.length) + "\r\n");
            upload.send(chunk);
            upload.send("\r\n0\r\n\r\n");
            assertThat(upload.read().status()).isEqualTo(413);
        }
        Http temporary = anonymous().with("Identity", identity).with("Authorization", authorization);
        for (int call = 1; call <= 5; call++) {
            assertThat(temporary.get("/api/v0.1/customers/" + customerId).status()).as("call " + call).isEqualTo(200);
        }
        assertThat(temporary.get("/api/v0.1/customers/" + customerId).status()).isEqualTo(401);
    }
}
