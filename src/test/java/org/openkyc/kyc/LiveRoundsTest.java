package org.openkyc.kyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openkyc.db.DbTime;
import org.openkyc.screening.WatchlistScreening;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.openkyc.testing.MutableClock;
import org.openkyc.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/**
 * Live mode, the background work run by hand on the server's clock: an evaluation round decides
 * its applicants together (the duplicate-SSN look-up is one query for the round: its applicants
 * find each other and the customers before them), and a document check's lease is renewed while
 * the check works, so a decode longer than the lease is not taken by another instance; the
 * document checks' claim has an index.
 */
@Import(MutableClock.Config.class)
@TestPropertySource(properties = {
        "openkyc.mode=live",
        "openkyc.kyc.worker-enabled=false",
        "openkyc.crypto.data-keys=live1=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "openkyc.crypto.blind-index-key=AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE="})
class LiveRoundsTest extends ApiTestBase {

    @Autowired
    MutableClock clock;
    @Autowired
    KycEvaluator evaluator;
    @Autowired
    KycDocumentChecks documentChecks;
    @Autowired
    KycRepository repository;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    KycProperties properties;
    @Autowired
    WatchlistScreening screening;

    /** Live mode loads the shipped lists in the background once it is ready; until then attempts wait. */
    @BeforeEach
    void listsInService() {
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> !screening.listsInService().isEmpty());
        evaluator.runOnce(properties.maxBatchSize()); // nothing of another test left waiting
    }

    private String customer(Brand brand, String firstName) {
        Map<String, Object> body = customerBody();
        body.remove("ssn");
        body.remove("phone");
        body.remove("email");
        body.put("first_name", firstName);
        return createCustomer(brand, body);
    }

    private void submit(Brand brand, String customerId, String ssn, String phone) {
        Map<String, Object> body = kycStartBody(brand.programId(), ssn);
        body.put("phone", phone);
        body.remove("ip");
        Http.Response started = brand.api().post("/api/v0.1/customers/" + customerId + "/verification-kyc", body);
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
    }

    private JsonNode kyc(Brand brand, String customerId) {
        return brand.api().get("/api/v0.1/customers/" + customerId + "/verification-kyc").json();
    }

    private List<String> reasons(JsonNode kyc) {
        return kyc.get("reasons").valueStream().map(r -> r.get("code").stringValue()).toList();
    }

    /** The other customers the duplicate-identity check named (its evidence holds their ids only). */
    private List<String> sharedWith(String customerId) {
        String evidence = jdbc.sql("""
                SELECT r.evidence FROM kyc_check_result r JOIN kyc_attempt k ON k.kyc_id = r.kyc_id
                WHERE k.customer_id = ? AND r.check_name = 'duplicate_identity'""").param(UUID.fromString(customerId)).query(String.class).single();
        JsonNode node = Http.JSON.readTree(evidence);
        assertThat(node.propertyNames()).containsExactly("other_customer_ids");
        return node.get("other_customer_ids").valueStream().map(JsonNode::stringValue).toList();
    }

    @Test
    void oneRoundsApplicantsFindTheirSharedSsnsInEachOtherAndInEarlierCustomers() {
        Brand brand = newBrand();
        Brand other = newBrand();
        String jane = customer(brand, "Jane");
        String john = customer(brand, "John");
        String janeAgain = customer(brand, "Jane"); // the same person entered twice: not a finding
        String clean = customer(brand, "Mary");
        String elsewhere = customer(other, "Joan"); // the same SSN at another brand is not this brand's business
        submit(brand, jane, "401-23-4567", "512-867-5309");
        submit(brand, john, "401-23-4567", "512-867-5309");
        submit(brand, janeAgain, "401-23-4567", "512-867-5309");
        submit(brand, clean, "401-23-4568", "512-867-5309");
        submit(other, elsewhere, "401-23-4568", "512-867-5309");

        assertThat(evaluator.runOnce(properties.maxBatchSize())).as("all five in one round").isEqualTo(5);

        assertThat(kyc(brand, jane).get("kyc_status").stringValue()).isEqualTo("under_review");
        assertThat(reasons(kyc(brand, jane))).containsExactly("ssn_shared");
        assertThat(sharedWith(jane)).containsExactly(john);
        assertThat(reasons(kyc(brand, john))).containsExactly("ssn_shared");
        assertThat(sharedWith(john)).containsExactlyInAnyOrder(jane, janeAgain);
        assertThat(sharedWith(janeAgain)).containsExactly(john);
        assertThat(kyc(brand, clean).get("kyc_status").stringValue()).isEqualTo("passed");
        assertThat(kyc(other, elsewhere).get("kyc_status").stringValue()).isEqualTo("passed");

        // A later round finds the customers of earlier ones.
        String later = customer(brand, "Jim");
        submit(brand, later, "401-23-4568", "512-867-5309");
        assertThat(evaluator.runOnce(properties.maxBatchSize())).isEqualTo(1);
        assertThat(reasons(kyc(brand, later))).containsExactly("ssn_shared");
        assertThat(sharedWith(later)).containsExactly(clean);
    }

    /** An attempt whose licence is in, due for the document check (a fictional phone asked for a government id). */
    private String dueForDocumentCheck(Brand brand) {
        String customerId = customer(brand, "Jane");
        submit(brand, customerId, "401-23-4599", "555-555-5555");
        assertThat(evaluator.runOnce()).isEqualTo(1);
        assertThat(kyc(brand, customerId).get("kyc_status").stringValue()).isEqualTo("document_required");
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("type", "drivers_license");
        id.put("country", "US");
        id.put("front_image", Map.of("file_name", "front.png", "image", blankPng()));
        id.put("back_image", Map.of("file_name", "back.png", "image", blankPng()));
        Http.Response uploaded = brand.api().post("/api/v0.1/customers/" + customerId + "/verification-kyc/documents", Map.of("government_id", id));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        assertThat(kyc(brand, customerId).get("kyc_status").stringValue()).as("until the check has read it").isEqualTo("document_required");
        return customerId;
    }

    private static String blankPng() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", bytes);
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This instance's document checks claim the attempt (and hold it). */
    private List<KycRepository.Claim> claimedHere() {
        List<KycRepository.Claim> claims = documentChecks.claim();
        assertThat(claims).hasSize(1);
        return claims;
    }

    /** What another instance's document checks would claim now. */
    private int claimedByAnotherInstance() {
        var now = DbTime.now(clock);
        return transactions.execute(s -> repository.claimDueDocumentChecks(now, now.plus(properties.evaluationLease()), 4)).size();
    }

    @Test
    void aDocumentCheckLongerThanItsLeaseKeepsItByRenewing() {
        Brand brand = newBrand();
        String customerId = dueForDocumentCheck(brand);
        List<KycRepository.Claim> claims = claimedHere();
        Duration lease = properties.evaluationLease();

        // The decode runs on: the renewals keep extending the lease, well past the first one.
        for (int i = 0; i < 4; i++) {
            clock.advance(lease.dividedBy(2));
            documentChecks.renewLeases();
            assertThat(claimedByAnotherInstance()).as("after %s", lease.dividedBy(2).multipliedBy(i + 1)).isZero();
        }
        documentChecks.finish(claims);

        JsonNode status = kyc(brand, customerId);
        assertThat(status.get("kyc_status").stringValue()).as("this check's result was written: no one took the attempt").isEqualTo("under_review");
        assertThat(reasons(status)).contains("licence_unreadable");
        clock.advance(lease.multipliedBy(2));
        documentChecks.renewLeases();
        assertThat(claimedByAnotherInstance()).as("decided, nothing left to claim").isZero();
    }

    @Test
    void aDocumentCheckThatStopsRenewingLosesItsClaimAfterTheLease() {
        Brand brand = newBrand();
        String customerId = dueForDocumentCheck(brand);
        List<KycRepository.Claim> claims = claimedHere();
        Duration lease = properties.evaluationLease();

        clock.advance(lease.minusSeconds(1));
        assertThat(claimedByAnotherInstance()).as("within its lease").isZero();
        clock.advance(Duration.ofSeconds(2));
        assertThat(claimedByAnotherInstance()).as("not renewed: another instance takes it after the lease").isEqualTo(1);
        documentChecks.renewLeases();

        documentChecks.finish(claims);
        assertThat(kyc(brand, customerId).get("kyc_status").stringValue()).as("the first check's result is fenced off").isEqualTo("document_required");
    }

    /** The claim's index (V20 on PostgreSQL, V2's on H2) serves it: a plan with sequential scans ruled out still finds it. */
    @Test
    void theDocumentChecksClaimHasAnIndex() {
        String claim = "SELECT kyc_id FROM kyc_attempt WHERE status = 'document_required' AND eval_due_at <= CURRENT_TIMESTAMP"
                + " AND (leased_until IS NULL OR leased_until <= CURRENT_TIMESTAMP) ORDER BY eval_due_at LIMIT 4";
        if (TestDatabase.postgres()) {
            String plan = transactions.execute(s -> {
                jdbc.sql("SET LOCAL enable_seqscan = off").update();
                return String.join("\n", jdbc.sql("EXPLAIN " + claim).query(String.class).list());
            });
            assertThat(plan).contains("kyc_attempt_document_check_due").doesNotContain("Seq Scan");
        } else {
            assertThat(jdbc.sql("EXPLAIN " + claim).query(String.class).single()).containsIgnoringCase("kyc_attempt_eval_due:");
        }
    }
}
