package org.openkyc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.springframework.test.context.TestPropertySource;

/**
 * Admission control: with room for one API request, a second one waits for it, and gets the
 * envelope's 503 when the first holds on longer than the connection timeout. Health checks are
 * never held back.
 */
@TestPropertySource(properties = {"openkyc.limits.concurrent-requests=1", "spring.datasource.hikari.connection-timeout=600"})
class AdmissionTest extends ApiTestBase {

    @Test
    void aRequestThatCannotGetInGets503AndTheNextOneIsServedOnceThereIsRoom() throws Exception {
        Brand brand = newBrand();
        try (Socket slow = new Socket("127.0.0.1", port)) {
            // A request that is admitted and then sends its body slowly, holding the one place.
            OutputStream out = slow.getOutputStream();
            out.write(("POST /api/v0.1/customers HTTP/1.1\r\nHost: localhost\r\nIdentity: " + brand.identity() + "\r\nAuthorization: "
                    + brand.authorization() + "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"first_name\": ")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300);

            Http.Response refused = brand.api().get("/api/v0.1/customers");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.json().get("Code").stringValue()).isEqualTo("service_unavailable");
            assertThat(refused.json().get("Status").intValue()).isEqualTo(503);
            assertThat(anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);
        }
        // The slow client went away: its place is free again.
        long deadline = System.currentTimeMillis() + 5_000;
        Http.Response served;
        do {
            served = brand.api().get("/api/v0.1/customers");
        } while (served.status() != 200 && System.currentTimeMillis() < deadline);
        assertThat(served.status()).as(served.toString()).isEqualTo(200);
    }
}
