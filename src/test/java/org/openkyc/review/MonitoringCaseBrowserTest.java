package org.openkyc.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openkyc.screening.MonitoringLoads;
import org.openkyc.screening.WatchlistScreening;
import org.openkyc.testing.BrowserTestBase;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A monitoring case decided in a real browser, with the real screening behind it: a customer who
 * passed live KYC is raised by a list load (the two SDN snapshots); a reviewer sees the list entry
 * on the case page and gives the first "false positive" approval; a supervisor, in a second
 * browser, completes it; the hit is dismissed and the customer stays passed.
 */
@TestPropertySource(properties = {
        "openkyc.mode=live",
        "openkyc.crypto.data-keys=live1=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "openkyc.crypto.blind-index-key=AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=",
        // A context of its own: the snapshots this test puts into service stay out of the other browser tests' server.
        "openkyc.test.context=monitoring-browser"})
class MonitoringCaseBrowserTest extends BrowserTestBase {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    WatchlistScreening screening;
    @Autowired
    ApplicationContext context;

    private String reviewer(String role) {
        String username = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        createReviewer(username, PASSWORD, role, null);
        return username;
    }

    private void falsePositive(WebDriver browser, String note) {
        WebElement form = browser.findElement(By.id("decide-false_positive"));
        new Select(form.findElement(By.name("reason_code"))).selectByValue("watchlist_false_positive");
        form.findElement(By.name("note")).sendKeys(note);
        form.findElement(By.id("submit-false_positive")).click();
        await(browser).until(b -> !b.findElements(By.id("notice")).isEmpty());
    }

    @Test
    void aMonitoringHitIsDismissedInTheConsoleWithFourEyes() {
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> !screening.listsInService().isEmpty());
        MonitoringLoads loads = new MonitoringLoads(context);
        loads.awaitCaughtUp();
        Brand brand = newBrand();
        MonitoringLoads.ListedPerson person = MonitoringLoads.LISTED_2024_ONLY.getFirst();
        String customerId = createCustomer(brand, person.customerBody());
        Map<String, Object> kyc = MonitoringLoads.passingKyc(brand.programId(), "401-23-7311");
        assertThat(brand.api().post("/api/v0.1/customers/" + customerId + "/verification-kyc", kyc).status()).isEqualTo(201);
        assertThat(awaitKycStatus(brand, customerId, "passed", "under_review", "failed", "document_required").get("kyc_status")
                .stringValue()).isEqualTo("passed");

        loads.raiseAddedEntries();
        String caseId = jdbc.sql("SELECT case_id FROM review_case WHERE customer_id = ? AND kind = 'monitoring'")
                .param(UUID.fromString(customerId)).query(String.class).single();

        WebDriver first = newBrowser();
        login(first, reviewer("reviewer"), PASSWORD);
        first.get(url("/console/cases/" + caseId));
        assertThat(first.findElement(By.id("monitoring-hit")).getText()).contains(person.entryId()).contains("MISHONOVA");
        assertThat(first.findElement(By.id("four-eyes")).getText()).contains("four eyes");
        falsePositive(first, "Other DOB on her passport.");
        assertThat(first.findElement(By.id("notice")).getText()).contains("First approval recorded");
        assertThat(first.findElements(By.id("decide"))).as("the first approver cannot complete it").isEmpty();

        WebDriver second = newBrowser();
        login(second, reviewer("supervisor"), PASSWORD);
        second.get(url("/console/cases/" + caseId));
        falsePositive(second, "Agreed: not the listed person.");
        assertThat(second.findElement(By.id("notice")).getText()).contains("false_positive");
        assertThat(second.findElement(By.id("decision")).getText()).contains("false_positive").contains("watchlist_false_positive");
        assertThat(second.findElements(By.id("decide"))).isEmpty();

        assertThat(jdbc.sql("SELECT status FROM watchlist_hit WHERE customer_id = ?").param(UUID.fromString(customerId)).query(String.class)
                .single()).isEqualTo("dismissed");
        assertThat(awaitKycStatus(brand, customerId, "passed").get("kyc_status").stringValue()).isEqualTo("passed");
    }
}
