package org.openkyc.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.openkyc.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** SPEC §5.5 on the server's clock: an attempt waiting for documents expires after its program's document_deadline_days, with its timeout event. */
@Import(MutableClock.Config.class)
@TestPropertySource(properties = "openkyc.kyc.deadline-scan-interval=100ms")
class KycDocumentDeadlineTest extends ApiTestBase {

    @Autowired
    MutableClock clock;

    private String waitingForDocuments(Brand brand, String programId) {
        String customerId = createCustomer(brand, customerBody());
        Http.Response started = brand.api().post("/api/v0.1/customers/" + customerId + "/verification-kyc",
                Map.of("program_id", programId, "ssn", "333-33-3333"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        awaitKycStatus(brand, customerId, "document_required");
        return customerId;
    }

    private String status(Brand brand, String customerId) {
        return brand.api().get("/api/v0.1/customers/" + customerId + "/verification-kyc").json().get("kyc_status").stringValue();
    }

    private String program(Brand brand, int deadlineDays) {
        Http.Response program = brand.api().post("/api/v0.1/programs",
                Map.of("name", deadlineDays + " days", "kyc_policy", Map.of("document_deadline_days", deadlineDays)));
        assertThat(program.status()).as(program.toString()).isEqualTo(201);
        return program.json().get("program_id").stringValue();
    }

    @Test
    void anAttemptWaitingForDocumentsExpiresAfterItsProgramsDeadline() {
        Brand brand = newBrand();
        String oneDay = waitingForDocuments(brand, program(brand, 1));
        String twoDays = waitingForDocuments(brand, program(brand, 2));
        String thirtyDays = waitingForDocuments(brand, brand.programId().toString()); // the default program

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(brand, oneDay).equals("expired"));
        assertThat(status(brand, twoDays)).as("the scan that expired the first left the others waiting").isEqualTo("document_required");
        assertThat(status(brand, thirtyDays)).isEqualTo("document_required");

        clock.advance(Duration.ofDays(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(brand, twoDays).equals("expired"));
        assertThat(status(brand, thirtyDays)).isEqualTo("document_required");

        clock.advance(Duration.ofDays(28));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(brand, thirtyDays).equals("expired"));
        var body = brand.api().get("/api/v0.1/customers/" + thirtyDays + "/verification-kyc").json();
        assertThat(body.get("reasons").get(0).get("code").stringValue()).isEqualTo("documents_not_received");
        for (String customerId : new String[] {oneDay, twoDays, thirtyDays}) {
            assertThat(kycEventTypes(customerId)).containsExactly("kyc.verification.submitted", "kyc.verification.document_required",
                    "kyc.verification.timeout");
        }
    }
}
