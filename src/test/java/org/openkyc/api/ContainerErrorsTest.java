package org.openkyc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.RawHttp;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import tools.jackson.databind.JsonNode;

/**
 * SPEC §1.1 for requests Tomcat refuses before the application sees them: each is written byte for
 * byte on a socket, and each answer is a 4xx (or the 501 of CONNECT and of an unknown transfer coding, the 505 of an unknown HTTP version) in the envelope with a request id,
 * not Tomcat's HTML page.
 */
class ContainerErrorsTest extends ApiTestBase {

    private static final String HOST = "Host: localhost\r\n";

    private static void assertEnvelope(RawHttp.Response response) {
        assertThat(response.status()).as(response.toString()).satisfiesAnyOf(
                status -> assertThat(status).isBetween(400, 499), status -> assertThat(status).isIn(501, 505));
        assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/json");
        assertThat(response.header("X-Request-Id")).as(response.toString()).isNotBlank();
        JsonNode body = response.json();
        assertThat(body.get("Status").intValue()).isEqualTo(response.status());
        assertThat(body.get("Type").stringValue()).isNotBlank();
        assertThat(body.get("Code").stringValue()).isNotBlank();
        assertThat(body.has("Message")).isTrue();
    }

    @Test
    void requestsTheContainerRefusesAreAnsweredInTheEnvelope() throws Exception {
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("two Content-Lengths", "POST /api/v0.1/customers HTTP/1.1\r\n" + HOST
                + "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}");
        requests.put("Content-Length -1", "POST /api/v0.1/customers HTTP/1.1\r\n" + HOST + "Content-Length: -1\r\n\r\n{}");
        requests.put("Content-Length 2^63", "POST /api/v0.1/customers HTTP/1.1\r\n" + HOST + "Content-Length: 9223372036854775808\r\n\r\n{}");
        requests.put("%00 in the path", "GET /api/v0.1/customers%00 HTTP/1.1\r\n" + HOST + "\r\n");
        requests.put("%5c in the path", "GET /api/v0.1/customers%5c..%5cprograms HTTP/1.1\r\n" + HOST + "\r\n");
        requests.put("..%2f in the path", "GET /api/v0.1/customers/..%2fprograms HTTP/1.1\r\n" + HOST + "\r\n");
        requests.put("lone % in the path", "GET /api/v0.1/customers/% HTTP/1.1\r\n" + HOST + "\r\n");
        requests.put("10 KB Authorization", "GET /api/v0.1/customers HTTP/1.1\r\n" + HOST + "Authorization: " + "a".repeat(10_240) + "\r\n\r\n");
        requests.put("control character in the request line", "GET /api/v0.1/\u0001 HTTP/1.1\r\n" + HOST + "\r\n");
        requests.put("space in a header name", "GET /api/v0.1/customers HTTP/1.1\r\n" + HOST + "Bad Header: x\r\n\r\n");
        requests.put("unknown HTTP version", "GET /api/v0.1/customers HTTP/1.7\r\n" + HOST + "\r\n");
        requests.put("no Host", "GET /api/v0.1/customers HTTP/1.1\r\n\r\n");
        requests.put("unknown Transfer-Encoding", "POST /api/v0.1/customers HTTP/1.1\r\n" + HOST + "Transfer-Encoding: gzip\r\n\r\n{}");
        requests.put("CONNECT", "CONNECT /api/v0.1/customers HTTP/1.1\r\n" + HOST + "\r\n");
        requests.put("CONNECT host:port", "CONNECT localhost:443 HTTP/1.1\r\n" + HOST + "\r\n");
        for (Map.Entry<String, String> request : requests.entrySet()) {
            RawHttp.Response response = RawHttp.exchange(port, request.getValue());
            if (request.getKey().startsWith("CONNECT") || request.getKey().contains("Transfer-Encoding")) {
                assertThat(response.status()).as(request.getKey()).isEqualTo(501);
            } else if (request.getKey().contains("HTTP version")) {
                assertThat(response.status()).as(request.getKey()).isEqualTo(505);
            } else {
                assertThat(response.status()).as(request.getKey() + ": " + response).isBetween(400, 499);
            }
            assertEnvelope(response);
        }
    }

    /** Tomcat decodes the chunks as the application reads them: a broken chunk is the client's 400, not a fault logged as an ERROR. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aBrokenChunkIs400(CapturedOutput output) throws Exception {
        Brand brand = newBrand();
        RawHttp.Response response = RawHttp.exchange(port, "POST /api/v0.1/customers HTTP/1.1\r\n" + HOST + "Identity: " + brand.identity()
                + "\r\nAuthorization: " + brand.authorization() + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\n{}\r\n0\r\n\r\n");
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertEnvelope(response);
        assertThat(response.json().get("Code").stringValue()).isEqualTo("invalid_request");
        assertThat(output.getOut()).doesNotContain("unhandled exception");
    }
}
