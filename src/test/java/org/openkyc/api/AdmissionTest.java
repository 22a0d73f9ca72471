package org.openkyc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Gate;
import org.openkyc.testing.Http;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * Admission control with room for one API request at a time: a request that cannot get in before
 * the connection timeout gets the envelope's 503; a client still sending its body holds no place;
 * health checks are never held back; KYC starts have places of their own.
 */
@ActiveProfiles("fault-injection")
@TestPropertySource(properties = {"openkyc.limits.concurrent-requests=1", "spring.datasource.hikari.connection-timeout=600"})
class AdmissionTest extends ApiTestBase {

    @Test
    void aRequestThatCannotGetInGets503AndIsServedOnceThereIsRoom() throws Exception {
        Brand brand = newBrand();
        try (Gate held = Gate.open()) {
            CompletableFuture<Http.Response> slow = CompletableFuture.supplyAsync(() -> brand.api().get("/api/v0.1/test-faults/held?gate=" + held.name()));
            held.awaitReached(); // the slow request holds the one place

            Http.Response refused = brand.api().get("/api/v0.1/customers");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.json().get("Code").stringValue()).isEqualTo("service_unavailable");
            assertThat(anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);

            held.release();
            assertThat(slow.get().status()).isEqualTo(200);
        }
        assertThat(brand.api().get("/api/v0.1/customers").status()).as("room again").isEqualTo(200);
    }

    /** KYC starts hold no connection while their group is written: they are admitted against places of their own. */
    @Test
    void kycStartsAreNotHeldBackByRequestsHoldingConnections() throws Exception {
        Brand brand = newBrand();
        String customerId = createCustomer(brand, customerBody());
        try (Gate held = Gate.open()) {
            CompletableFuture<Http.Response> slow = CompletableFuture.supplyAsync(() -> brand.api().get("/api/v0.1/test-faults/held?gate=" + held.name()));
            held.awaitReached(); // the slow request holds the one place of requests that hold a connection

            Http.Response started = startKyc(brand, customerId, "000-00-0000");
            assertThat(started.status()).as(started.toString()).isEqualTo(201);
            assertThat(slow.isDone()).as("answered while the slow request still held its place").isFalse();
            held.release();
            assertThat(slow.get().status()).isEqualTo(200);
        }
    }

    @Test
    void aClientStillSendingItsBodyHoldsNoPlace() throws Exception {
        Brand brand = newBrand();
        try (Socket slow = new Socket("127.0.0.1", port); Gate reading = Gate.open()) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /api/v0.1/customers HTTP/1.1\r\nHost: localhost\r\nIdentity: " + brand.identity() + "\r\nAuthorization: "
                    + brand.authorization() + "\r\n" + Gate.HEADER + ": " + reading.name()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"first_name\": ")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            reading.awaitReached(); // the server is reading the body, which will not come
            Http.Response served = brand.api().get("/api/v0.1/customers");
            assertThat(served.status()).as(served.toString()).isEqualTo(200);
        }
    }
}
