package org.openkyc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.RawHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The bytes of bodies held in memory across all requests are bounded: with a 3,000,000-byte budget,
 * three authenticated slow uploads declaring 1,000,000 bytes each take it all, and the next body,
 * declared or chunked, gets a 503 in the envelope with Retry-After; once they are gone there is
 * room again.
 */
@TestPropertySource(properties = "openkyc.limits.buffered-bytes=3000000")
class BufferBudgetTest extends ApiTestBase {

    @Autowired
    private BufferBudget budget;

    private String post(Brand brand, String framing) {
        return "POST /api/v0.1/customers HTTP/1.1\r\nHost: localhost\r\nIdentity: " + brand.identity() + "\r\nAuthorization: "
                + brand.authorization() + "\r\nContent-Type: application/json\r\n" + framing + "\r\n";
    }

    @Test
    void bodiesPastTheBudgetGet503UntilThereIsRoom() throws Exception {
        Brand brand = newBrand();
        List<RawHttp> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                RawHttp upload = new RawHttp(port);
                slow.add(upload);
                upload.send(post(brand, "Content-Length: 1000000\r\n") + "{\"first_name\": \"");
            }
            awaitBudget(used -> used == 3_000_000);

            try (RawHttp declared = new RawHttp(port)) {
                declared.send(post(brand, "Content-Length: 1000\r\n"));
                assertBudgetRefusal(declared.read());
                assertThat(declared.closedByServer()).isTrue();
            }
            try (RawHttp chunked = new RawHttp(port)) {
                chunked.send(post(brand, "Transfer-Encoding: chunked\r\n") + "2\r\n{}\r\n");
                assertBudgetRefusal(chunked.read());
            }
        } finally {
            for (RawHttp upload : slow) {
                upload.close();
            }
        }
        awaitBudget(used -> used == 0);
        assertThat(brand.api().post("/api/v0.1/customers", customerBody()).status()).isEqualTo(201);
    }

    private static void assertBudgetRefusal(RawHttp.Response refused) {
        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.header("X-Request-Id")).isNotBlank();
        assertThat(refused.json().get("Code").stringValue()).isEqualTo("service_unavailable");
    }

    /** Polls the budget (the slow uploads are read by server threads of their own). */
    private void awaitBudget(LongPredicate condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.test(budget.inUse())) {
            assertThat(System.nanoTime()).as("budget in use: " + budget.inUse()).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
