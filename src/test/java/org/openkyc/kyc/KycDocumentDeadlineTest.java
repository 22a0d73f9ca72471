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

    @Test
    void anAttemptWaitingForDocumentsExpiresAfterItsProgramsDeadline() {
        Brand brand = newBrand();
        Http.Response program = brand.api().post("/api/v0.1/programs", Map.of("name", "Two days", "kyc_policy", Map.of("document_deadline_days", 2)));
        assertThat(program.status()).as(program.toString()).isEqualTo(201);
        String twoDays = waitingForDocuments(brand, program.json().get("program_id").stringValue());
        String thirtyDays = waitingForDocuments(brand, brand.programId().toString()); // the default program: 30 days

        clock.advance(Duration.ofDays(2).plusMinutes(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(brand, twoDays).equals("expired"));
        assertThat(status(brand, thirtyDays)).as("the scan that expired the other left this one waiting").isEqualTo("document_required");
        assertThat(kycEventTypes(twoDays)).containsExactly("kyc.verification.submitted", "kyc.verification.document_required",
                "kyc.verification.timeout");

        clock.advance(Duration.ofDays(27).plusHours(23));
        assertThat(status(brand, thirtyDays)).isEqualTo("document_required");
        clock.advance(Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(brand, thirtyDays).equals("expired"));
        var body = brand.api().get("/api/v0.1/customers/" + thirtyDays + "/verification-kyc").json();
        assertThat(body.get("reasons").get(0).get("code").stringValue()).isEqualTo("documents_not_received");
        assertThat(kycEventTypes(thirtyDays)).containsExactly("kyc.verification.submitted", "kyc.verification.document_required",
                "kyc.verification.timeout");
    }
}
