package org.openkyc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.RawHttp;

/**
 * Bodies one byte over their route's limit (1 MiB; 20 MiB for documents) get a 413 in the
 * envelope, authenticated, whether chunked (counted as read) or declared by a Content-Length that
 * lies about what follows (refused before reading); a body exactly at the limit is read.
 */
class BodyLimitsTest extends ApiTestBase {

    private static final int LIMIT = 1024 * 1024;
    private static final int DOCUMENT_LIMIT = 20 * 1024 * 1024;

    private static String headers(Brand brand, String path, String framing) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nIdentity: " + brand.identity() + "\r\nAuthorization: "
                + brand.authorization() + "\r\nContent-Type: application/json\r\n" + framing + "\r\n";
    }

    /** A JSON object of exactly {@code size} bytes. */
    private static byte[] body(int size) {
        String head = "{\"first_name\": \"";
        return (head + "a".repeat(size - head.length() - 2) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += 65_536) {
            int size = Math.min(65_536, body.length - at);
            out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, size);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private RawHttp.Response sendChunked(Brand brand, String path, int size) throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            http.send(headers(brand, path, "Transfer-Encoding: chunked\r\n"));
            try {
                http.send(chunked(body(size)));
            } catch (java.io.IOException answeredEarly) {
                // the server may answer and close before the whole body is sent
            }
            return http.read();
        }
    }

    private static void assertTooLarge(RawHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.header("X-Request-Id")).isNotBlank();
        assertThat(response.json().get("Code").stringValue()).isEqualTo("payload_too_large");
    }

    @Test
    void chunkedBodiesOneByteOverTheLimitAre413() throws Exception {
        Brand brand = newBrand();
        String customerId = createCustomer(brand, customerBody());
        long customers = count("customer");
        assertTooLarge(sendChunked(brand, "/api/v0.1/customers", LIMIT + 1));
        assertTooLarge(sendChunked(brand, "/api/v0.1/customers/" + customerId + "/verification-kyc/documents", DOCUMENT_LIMIT + 1));
        assertThat(count("customer")).isEqualTo(customers);

        RawHttp.Response atTheLimit = sendChunked(brand, "/api/v0.1/customers", LIMIT);
        assertThat(atTheLimit.status()).as("read, then refused for its content").isEqualTo(400);
        assertThat(atTheLimit.json().get("Code").stringValue()).isEqualTo("create_customer_schema");
    }

    @Test
    void aContentLengthOverTheLimitIs413WhateverFollows() throws Exception {
        Brand brand = newBrand();
        String customerId = createCustomer(brand, customerBody());
        for (String request : new String[] {
                headers(brand, "/api/v0.1/customers", "Content-Length: " + (LIMIT + 1) + "\r\n") + "{}",
                headers(brand, "/api/v0.1/customers/" + customerId + "/verification-kyc/documents",
                        "Content-Length: " + (DOCUMENT_LIMIT + 1) + "\r\n") + "{}"}) {
            try (RawHttp http = new RawHttp(port)) {
                http.send(request);
                assertTooLarge(http.read());
                assertThat(http.closedByServer()).as("the rest of the body is not waited for").isTrue();
            }
        }
    }
}
