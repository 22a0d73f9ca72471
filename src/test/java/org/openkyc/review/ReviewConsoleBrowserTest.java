package org.openkyc.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openkyc.screening.WatchlistScreening;
import org.openkyc.testing.BrowserTestBase;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Live-mode attempts in under_review decided by people in a real browser: the decision reaches the
 * brand (status and KYC event), two reviewers on one case (the second is refused, clearly), the
 * four-eyes rule on a watchlist match, and the queue worked from the keyboard.
 */
@TestPropertySource(properties = {
        "openkyc.mode=live",
        "openkyc.crypto.data-keys=live1=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "openkyc.crypto.blind-index-key=AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE="})
class ReviewConsoleBrowserTest extends BrowserTestBase {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    WatchlistScreening screening;

    @BeforeEach
    void listsInService() {
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> !screening.listsInService().isEmpty());
    }

    private String reviewer(String role, UUID brand) {
        String username = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        createReviewer(username, PASSWORD, role, brand);
        return username;
    }

    private String caseId(String customerId) {
        return jdbc.sql("SELECT case_id FROM review_case WHERE customer_id = ?").param(UUID.fromString(customerId)).query(String.class).single();
    }

    /** Fills one decision form of the case page and sends it. */
    private void decide(WebDriver browser, String action, String reason, String note) {
        WebElement form = browser.findElement(By.id("decide-" + action));
        new Select(form.findElement(By.name("reason_code"))).selectByValue(reason);
        if (note != null) {
            form.findElement(By.name("note")).sendKeys(note);
        }
        form.findElement(By.id("submit-" + action)).click();
    }

    @Test
    void aReviewerDecidesALiveAttemptInTheBrowserAndTheBrandSeesIt() {
        Brand brand = newBrand();
        String customerId = ReviewApiTest.sharedSsnCase(this, brand, "401-23-4567");
        String caseId = caseId(customerId);
        WebDriver browser = newBrowser();
        login(browser, reviewer("reviewer", brand.brandId()), PASSWORD);

        WebElement row = browser.findElement(By.cssSelector("tr[data-case='" + caseId + "']"));
        assertThat(row.getText()).contains("ssn_shared").contains("min");
        row.findElement(By.cssSelector("a.open")).click();
        await(browser).until(b -> b.getCurrentUrl().endsWith("/console/cases/" + caseId));
        assertThat(browser.findElement(By.id("customer-ssn")).getText()).isEqualTo("XXX-XX-4567");
        assertThat(browser.findElement(By.id("customer-name")).getText()).contains("Joan").contains("Doe");
        assertThat(browser.findElement(By.id("customer-dob")).getText()).isEqualTo("1971-02-03");
        assertThat(browser.findElement(By.id("duplicates")).getText()).hasLineCount(2); // the heading and the one other customer's id
        assertThat(browser.getPageSource()).doesNotContain("401-23-4567");

        decide(browser, "approve", "ssn_shared_explained", "Twins; confirmed with the brand.");
        await(browser).until(b -> !b.findElements(By.id("notice")).isEmpty());
        assertThat(browser.findElement(By.id("notice")).getText()).contains("passed");
        assertThat(browser.findElement(By.id("decision")).getText()).contains("approve").contains("ssn_shared_explained");
        assertThat(awaitKycStatus(brand, customerId, "passed").get("kyc_status").stringValue()).isEqualTo("passed");
        assertThat(kycEventTypes(customerId)).endsWith("kyc.verification.under_review", "kyc.verification.success");

        browser.findElement(By.linkText("Audit trail")).click();
        await(browser).until(b -> b.getCurrentUrl().contains("/console/audit"));
        assertThat(browser.findElement(By.id("audit")).getText()).contains("case_viewed").contains("decision");
    }

    @Test
    void twoReviewersOnOneCaseTheSecondDecisionIsRefusedWithAClearMessage() {
        Brand brand = newBrand();
        String customerId = ReviewApiTest.sharedSsnCase(this, brand, "402-34-5678");
        String caseId = caseId(customerId);
        WebDriver first = newBrowser();
        WebDriver second = newBrowser();
        login(first, reviewer("reviewer", null), PASSWORD);
        login(second, reviewer("reviewer", null), PASSWORD);
        first.get(url("/console/cases/" + caseId));
        second.get(url("/console/cases/" + caseId));

        decide(first, "reject", "synthetic_identity", "Different person, same SSN.");
        await(first).until(b -> !b.findElements(By.id("notice")).isEmpty());
        assertThat(first.findElement(By.id("notice")).getText()).contains("failed");

        decide(second, "approve", "ssn_shared_explained", "Looks fine to me.");
        await(second).until(b -> !b.findElements(By.id("error")).isEmpty());
        assertThat(second.findElement(By.id("error")).getText()).contains("changed since you opened it");
        // The page now shows the case as it is: decided by the first reviewer, nothing left to decide.
        assertThat(second.findElement(By.id("decision")).getText()).contains("reject");
        assertThat(second.findElements(By.id("decide"))).isEmpty();
        assertThat(awaitKycStatus(brand, customerId, "failed").get("kyc_status").stringValue()).isEqualTo("failed");
        assertThat(kycEventTypes(customerId)).endsWith("kyc.verification.failure");
    }

    @Test
    void approvingAWatchlistMatchTakesASecondPersonWhoIsASupervisor() {
        Brand brand = newBrand();
        Map<String, Object> listed = customerBody();
        listed.remove("ssn");
        listed.put("first_name", "Ayman");
        listed.put("last_name", "Al-Zawahiri");
        listed.put("dob", "1951-06-19");
        String customerId = createCustomer(brand, listed);
        startAndAwait(brand, customerId, "405-67-8901", "under_review");
        String caseId = caseId(customerId);

        WebDriver reviewer = newBrowser();
        login(reviewer, reviewer("reviewer", null), PASSWORD);
        reviewer.get(url("/console/cases/" + caseId));
        assertThat(reviewer.findElement(By.id("watchlist")).getText()).contains("SDN").contains("AL ZAWAHIRI");
        assertThat(reviewer.findElement(By.id("four-eyes")).getText()).contains("four eyes");
        decide(reviewer, "approve", "watchlist_false_positive", "Different person: other birthplace.");
        await(reviewer).until(b -> !b.findElements(By.id("notice")).isEmpty());
        assertThat(reviewer.findElement(By.id("notice")).getText()).contains("First approval recorded");
        assertThat(reviewer.findElement(By.id("first-approval")).getText()).contains("waiting for a supervisor");
        assertThat(reviewer.findElements(By.id("decide"))).as("the first approver cannot complete it").isEmpty();
        assertThat(awaitKycStatus(brand, customerId, "under_review").get("kyc_status").stringValue()).isEqualTo("under_review");

        WebDriver supervisor = newBrowser();
        login(supervisor, reviewer("supervisor", brand.brandId()), PASSWORD);
        supervisor.get(url("/console/cases/" + caseId));
        decide(supervisor, "approve", "watchlist_false_positive", "Agreed: not the listed person.");
        await(supervisor).until(b -> !b.findElements(By.id("notice")).isEmpty());
        assertThat(supervisor.findElement(By.id("notice")).getText()).contains("passed");
        assertThat(awaitKycStatus(brand, customerId, "passed").get("kyc_status").stringValue()).isEqualTo("passed");
        assertThat(kycEventTypes(customerId)).endsWith("kyc.verification.success");
    }

    @Test
    void theQueueIsWorkedFromTheKeyboard() {
        Brand brand = newBrand();
        String customerId = ReviewApiTest.sharedSsnCase(this, brand, "403-45-6789");
        String caseId = caseId(customerId);
        WebDriver browser = newBrowser();
        login(browser, reviewer("reviewer", brand.brandId()), PASSWORD);
        WebElement body = browser.findElement(By.tagName("body"));
        new Actions(browser).sendKeys(body, "j").perform();
        await(browser).until(b -> !b.findElements(By.cssSelector("tr.case-row.current")).isEmpty());
        new Actions(browser).sendKeys("c").perform(); // claim, in place (htmx swaps the row)
        await(browser).until(b -> b.findElement(By.cssSelector("tr[data-case='" + caseId + "'] td.assignee")).getText().startsWith("reviewer-"));
        new Actions(browser).sendKeys("n").perform(); // the next case for me: the one I claimed
        await(browser).until(b -> b.getCurrentUrl().endsWith("/console/cases/" + caseId));
        new Actions(browser).sendKeys("r").perform();
        assertThat(browser.switchTo().activeElement().getAttribute("name")).isEqualTo("reason_code");
        assertThat(browser.switchTo().activeElement().findElement(By.xpath("ancestor::form")).getAttribute("id")).isEqualTo("decide-reject");
        new Select(browser.switchTo().activeElement()).selectByValue("fraud_suspected");
        browser.findElement(By.cssSelector("#decide-reject textarea")).sendKeys("Keyboard decision.", Keys.TAB, Keys.ENTER);
        await(browser).until(b -> !b.findElements(By.id("notice")).isEmpty());
        assertThat(awaitKycStatus(brand, customerId, "failed").get("kyc_status").stringValue()).isEqualTo("failed");
    }
}
