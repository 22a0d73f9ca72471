package org.openkyc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.RawHttp;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A client that goes away in the middle of its body is not a server fault: one INFO line, no stack trace, no body. */
@ExtendWith(OutputCaptureExtension.class)
class ClientDisconnectTest extends ApiTestBase {

    @Test
    void aClientThatDisconnectsMidBodyIsOneInfoLine(CapturedOutput output) throws Exception {
        Brand brand = newBrand();
        int from = output.getOut().length();
        String half = "{\"first_name\": \"Marker-7f3a\", \"ssn\": \"123-45-";
        try (RawHttp upload = new RawHttp(port)) {
            upload.send("POST /api/v0.1/customers HTTP/1.1\r\nHost: localhost\r\nIdentity: " + brand.identity() + "\r\nAuthorization: "
                    + brand.authorization() + "\r\nContent-Type: application/json\r\nContent-Length: " + half.length() * 2 + "\r\n\r\n" + half);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!output.getOut().substring(from).contains("POST (unmatched)")) { // the access line, written last
            assertThat(System.nanoTime()).as("the request's access line").isLessThan(deadline);
            Thread.sleep(10);
        }
        String logged = output.getOut().substring(from);
        String[] disconnects = Arrays.stream(logged.split("\n")).filter(line -> line.contains("client closed the connection")).toArray(String[]::new);
        assertThat(disconnects).hasSize(1);
        assertThat(disconnects[0]).contains(" INFO ");
        assertThat(logged).doesNotContain(" ERROR ").doesNotContain("\tat ").doesNotContain("Marker-7f3a").doesNotContain("123-45");
    }
}
