package org.openkyc.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openkyc.screening.WatchlistScreening;
import org.openkyc.testing.BrowserTestBase;
import org.openkyc.testing.Http;
import org.openkyc.verification.AamvaSamples;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The case page's evidence in a real browser, live mode, on H2 and PostgreSQL: a licence of
 * another person decoded beside the customer with each mismatch marked (and the same in the API
 * twin's case detail), the duplicate SSN's other customer linked to the queue filtered to them
 * and to their case, and paging that keeps the filters.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "openkyc.mode=live",
        "openkyc.crypto.data-keys=live1=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "openkyc.crypto.blind-index-key=AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE="})
class ReviewEvidenceBrowserTest extends BrowserTestBase {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    WatchlistScreening screening;

    @BeforeEach
    void listsInService() {
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> !screening.listsInService().isEmpty());
    }

    private String reviewer(UUID brand) {
        String username = "ev-" + UUID.randomUUID().toString().substring(0, 8);
        createReviewer(username, PASSWORD, "reviewer", brand);
        return username;
    }

    private List<String> casesOf(String customerId) {
        return jdbc.sql("SELECT case_id FROM review_case WHERE customer_id = ? ORDER BY opened_at").param(UUID.fromString(customerId))
                .query(String.class).list();
    }

    /** A customer of that name and DOB (else as {@link #customerBody}) whose KYC with this SSN reached {@code expected}. */
    private String withSsn(Brand brand, String ssn, String firstName, String dob, String expected) {
        Map<String, Object> body = customerBody();
        body.remove("ssn");
        body.put("first_name", firstName);
        body.put("dob", dob);
        String customerId = createCustomer(brand, body);
        startAndAwait(brand, customerId, ssn, expected);
        return customerId;
    }

    /** Jane Doe (born 1990-04-12) whose fictional phone asks for an id, then a licence of JOAN born 1990-04-13: under review. */
    private String licenceOfAnotherPerson(Brand brand) {
        Map<String, Object> customer = customerBody();
        customer.remove("ssn");
        String customerId = createCustomer(brand, customer);
        Map<String, Object> kyc = kycStartBody(brand.programId(), "401-23-4567");
        kyc.remove("ip");
        Http.Response started = brand.api().post("/api/v0.1/customers/" + customerId + "/verification-kyc", kyc);
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        awaitKycStatus(brand, customerId, "document_required");
        List<String> elements = new ArrayList<>(AamvaSamples.janeElements("04131990", "04122099", "USA"));
        elements.replaceAll(e -> e.startsWith("DAC") ? "DACJOAN" : e);
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("type", "drivers_license");
        id.put("country", "US");
        id.put("front_image", Map.of("file_name", "front.png", "image", base64(AamvaSamples.png(new java.awt.image.BufferedImage(40, 30,
                java.awt.image.BufferedImage.TYPE_INT_RGB)))));
        id.put("back_image", Map.of("file_name", "back.png", "image",
                base64(AamvaSamples.png(AamvaSamples.barcode(AamvaSamples.card(8, "636015", elements))))));
        Http.Response uploaded = brand.api().post("/api/v0.1/customers/" + customerId + "/verification-kyc/documents", Map.of("government_id", id));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        JsonNode status = awaitKycStatus(brand, customerId, "under_review", "passed", "failed");
        assertThat(status.get("kyc_status").stringValue()).as(status.toString()).isEqualTo("under_review");
        return customerId;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private Http reviewerApi(UUID brand) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", "api-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("role", "reviewer");
        body.put("brand_id", brand.toString());
        JsonNode created = admin().post("/admin/reviewers", body).json();
        String token = admin().post("/admin/reviewers/" + created.get("reviewer_id").stringValue() + "/tokens", Map.of()).json()
                .get("token").stringValue();
        return anonymous().with("Authorization", "Bearer " + token);
    }

    @Test
    void theDecodedLicenceIsBesideTheCustomerWithEachMismatchMarkedOnThePageAndInTheApi(CapturedOutput output) {
        Brand brand = newBrand();
        String customerId = licenceOfAnotherPerson(brand);
        String caseId = casesOf(customerId).getFirst();

        WebDriver browser = newBrowser();
        login(browser, reviewer(brand.brandId()), PASSWORD);
        browser.get(url("/console/cases/" + caseId));
        WebElement given = browser.findElement(By.id("licence-given_name"));
        assertThat(given.findElement(By.className("on-licence")).getText()).isEqualTo("JOAN");
        assertThat(given.findElement(By.className("on-record")).getText()).isEqualTo("Jane");
        assertThat(given.getAttribute("class")).contains("mismatch");
        WebElement dob = browser.findElement(By.id("licence-dob"));
        assertThat(dob.findElement(By.className("on-licence")).getText()).isEqualTo("1990-04-13");
        assertThat(dob.findElement(By.className("on-record")).getText()).isEqualTo("1990-04-12");
        assertThat(dob.getAttribute("class")).contains("mismatch");
        WebElement family = browser.findElement(By.id("licence-family_name"));
        assertThat(family.findElement(By.className("on-licence")).getText()).isEqualTo("DOE");
        assertThat(family.findElement(By.className("on-record")).getText()).isEqualTo("Doe");
        assertThat(family.getAttribute("class")).doesNotContain("mismatch");
        assertThat(browser.findElement(By.id("licence-state")).getAttribute("class")).as("TX on both").doesNotContain("mismatch");
        assertThat(browser.getPageSource()).as("no document number, no ciphertext").doesNotContain("12345678").doesNotContain("v1:live1:")
                .doesNotContain("decoded_fields_sealed");

        Http.Response viewed = reviewerApi(brand.brandId()).get("/api/v0.1/review/cases/" + caseId);
        assertThat(viewed.status()).as(viewed.toString()).isEqualTo(200);
        JsonNode compared = viewed.json().get("licence").get("compared");
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        compared.forEach(r -> rows.put(r.get("field").stringValue(), r));
        assertThat(rows.get("given_name").get("licence").stringValue()).isEqualTo("JOAN");
        assertThat(rows.get("given_name").get("customer").stringValue()).isEqualTo("Jane");
        assertThat(rows.get("given_name").get("mismatch").asBoolean()).isTrue();
        assertThat(rows.get("dob").get("licence").stringValue()).isEqualTo("1990-04-13");
        assertThat(rows.get("dob").get("mismatch").asBoolean()).isTrue();
        assertThat(rows.get("family_name").get("mismatch").asBoolean()).isFalse();
        assertThat(viewed.body()).doesNotContain("12345678").doesNotContain("v1:live1:");

        long views = jdbc.sql("SELECT COUNT(*) FROM review_audit WHERE case_id = ? AND action = 'case_viewed'")
                .param(UUID.fromString(caseId)).query(Long.class).single();
        assertThat(views).as("the page's view and the API's, both audited").isEqualTo(2);
        assertThat(output.getAll()).as("decoded fields never logged").doesNotContain("JOAN").doesNotContain("1990-04-13").doesNotContain("12345678");
    }

    @Test
    void theOtherCustomerWithTheSsnLinksToTheQueueFilteredToThemAndToTheirCase() {
        Brand brand = newBrand();
        String ssn = "406-78-9012";
        String holderId = withSsn(brand, ssn, "Jane", "1990-04-12", "passed");
        String secondId = withSsn(brand, ssn, "Joan", "1971-02-03", "under_review");
        String thirdId = withSsn(brand, ssn, "Jo", "1980-05-06", "under_review");
        String secondCase = casesOf(secondId).getFirst();
        String thirdCase = casesOf(thirdId).getFirst();

        WebDriver browser = newBrowser();
        login(browser, reviewer(brand.brandId()), PASSWORD);
        browser.get(url("/console/cases/" + thirdCase));
        List<WebElement> others = browser.findElements(By.cssSelector("#duplicates li.duplicate"));
        assertThat(others).extracting(WebElement::getText).anySatisfy(t -> assertThat(t).startsWith(holderId).doesNotContain("its case"))
                .anySatisfy(t -> assertThat(t).startsWith(secondId).contains("its case"));

        browser.findElement(By.linkText(secondId)).click();
        await(browser).until(b -> b.getCurrentUrl().contains("customer_id=" + secondId));
        assertThat(browser.findElements(By.cssSelector("tr.case-row"))).extracting(r -> r.getAttribute("data-case"))
                .as("only that customer's case, not the whole queue").containsExactly(secondCase);
        assertThat(browser.findElement(By.id("filter-customer")).getAttribute("value")).isEqualTo(secondId);

        browser.get(url("/console?customer_id=" + holderId));
        assertThat(browser.findElements(By.id("empty"))).as("the holder passed: no case").hasSize(1);

        browser.get(url("/console/cases/" + thirdCase));
        browser.findElement(By.cssSelector("#duplicates a.customer-case")).click();
        await(browser).until(b -> b.getCurrentUrl().endsWith("/console/cases/" + secondCase));
        assertThat(browser.findElement(By.id("customer-name")).getText()).contains("Joan");

        browser.get(url("/console?customer_id=not-an-id"));
        assertThat(browser.findElement(By.id("error")).getText()).contains("customer_id");
    }

    @Test
    void pagingKeepsEveryFilter() {
        Brand brand = newBrand();
        String ssn = "407-89-0123";
        withSsn(brand, ssn, "Jane", "1990-04-12", "passed");
        List<String> cases = new ArrayList<>();
        for (String name : List.of("Joan", "Jo", "Janet")) {
            cases.add(casesOf(withSsn(brand, ssn, name, "1971-02-0" + (cases.size() + 3), "under_review")).getFirst());
        }

        WebDriver browser = newBrowser();
        login(browser, reviewer(brand.brandId()), PASSWORD);
        browser.get(url("/console?reason=ssn_shared&assignee=none&kind=kyc&per_page=1"));
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            assertThat(browser.findElement(By.cssSelector("input[name=reason]")).getAttribute("value")).isEqualTo("ssn_shared");
            seen.add(browser.findElement(By.cssSelector("tr.case-row")).getAttribute("data-case"));
            if (page < 3) {
                String next = browser.findElement(By.id("next-page")).getAttribute("href");
                assertThat(next).contains("reason=ssn_shared").contains("assignee=none").contains("kind=kyc").contains("per_page=1")
                        .contains("page=" + (page + 1));
                browser.findElement(By.id("next-page")).click();
                int expected = page + 1;
                await(browser).until(b -> b.getCurrentUrl().endsWith("page=" + expected));
            }
        }
        assertThat(seen).containsExactlyElementsOf(cases);
        assertThat(browser.findElements(By.id("next-page"))).isEmpty();
        assertThat(browser.findElement(By.id("previous-page")).getAttribute("href")).contains("reason=ssn_shared").contains("per_page=1")
                .contains("page=2");

        for (String c : cases) {
            browser.get(url("/console/cases/" + c));
        }
        browser.get(url("/console/audit?action=case_viewed&per_page=1"));
        browser.findElement(By.id("next-page")).click();
        await(browser).until(b -> b.getCurrentUrl().contains("page=2"));
        assertThat(browser.getCurrentUrl()).contains("action=case_viewed").contains("per_page=1");
        assertThat(browser.findElements(By.cssSelector("tr.audit-row"))).extracting(WebElement::getText)
                .singleElement().satisfies(t -> assertThat(t).contains("case_viewed"));
    }
}
