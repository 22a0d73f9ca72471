package org.openkyc.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.BrowserTestBase;
import org.openkyc.testing.Http;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * A case with an uploaded document (sandbox: 333-33-3333 asks for a government id; the upload
 * sends the attempt to review): the reviewer sees the image on the case page, it is served with
 * no-store caching to the signed-in reviewer only, and the view is in the audit trail.
 */
class ReviewDocumentsBrowserTest extends BrowserTestBase {

    private static final String PASSWORD = "correct horse battery";
    static final byte[] PNG = Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    @Test
    void theReviewerSeesTheDocumentImageServedWithNoStoreAndTheViewIsAudited() {
        Brand brand = newBrand();
        Map<String, Object> body = customerBody();
        body.remove("ssn");
        String customerId = createCustomer(brand, body);
        startKyc(brand, customerId, "333-33-3333");
        awaitKycStatus(brand, customerId, "document_required");
        Http.Response upload = brand.api().post("/api/v0.1/customers/" + customerId + "/verification-kyc/documents", Map.of("government_id",
                Map.of("type", "passport", "front_image", Map.of("file_name", "passport.png", "image", Base64.getEncoder().encodeToString(PNG)))));
        assertThat(upload.status()).as(upload.toString()).isIn(200, 201);
        awaitKycStatus(brand, customerId, "under_review");
        String caseId = jdbc.sql("SELECT case_id FROM review_case WHERE customer_id = ?").param(UUID.fromString(customerId)).query(String.class).single();

        String username = "docs-" + UUID.randomUUID().toString().substring(0, 8);
        createReviewer(username, PASSWORD, "reviewer", brand.brandId());
        WebDriver browser = newBrowser();
        login(browser, username, PASSWORD);
        browser.get(url("/console/cases/" + caseId));
        WebElement image = browser.findElement(By.cssSelector("#documents img.document"));
        await(browser).until(b -> (Boolean) ((JavascriptExecutor) b).executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0;", image));
        assertThat(browser.findElement(By.id("documents")).getText()).contains("government_id");

        String src = image.getAttribute("src");
        String path = src.substring(src.indexOf("/console/"));
        Http session = anonymous().with("Cookie", "JSESSIONID=" + browser.manage().getCookieNamed("JSESSIONID").getValue());
        Http.Response served = session.get(path);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("Cache-Control")).contains("no-store");
        assertThat(served.header("Content-Type")).startsWith("image/png");
        assertThat(anonymous().get(path).status()).as("not without a session").isEqualTo(302);
        assertThat(brand.api().get(path).status()).as("not with the brand's key").isEqualTo(302);

        long views = jdbc.sql("SELECT COUNT(*) FROM review_audit WHERE case_id = ? AND action = 'document_viewed'")
                .param(UUID.fromString(caseId)).query(Long.class).single();
        assertThat(views).isGreaterThanOrEqualTo(2); // the browser's and ours
        browser.get(url("/console/audit?case_id=" + caseId));
        assertThat(browser.findElement(By.id("audit")).getText()).contains("document_viewed").contains(username);
    }
}
