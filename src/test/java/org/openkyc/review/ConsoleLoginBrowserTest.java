package org.openkyc.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.BrowserTestBase;
import org.openkyc.testing.Http;
import org.openkyc.testing.MutableClock;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The console's sign-in in a real browser: login and logout, the lock-out after five failures,
 * CSRF refusal, a session ended by inactivity or by deactivation, and that brand keys and reviewer
 * credentials never cross between the console, the review API and the brand API.
 */
@Import(MutableClock.Config.class)
class ConsoleLoginBrowserTest extends BrowserTestBase {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    MutableClock clock;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aReviewerSignsInSeesTheQueueAndSignsOut() {
        String username = unique("alice");
        createReviewer(username, PASSWORD, "reviewer", null);
        WebDriver browser = newBrowser();
        browser.get(url("/console"));
        assertThat(browser.getCurrentUrl()).endsWith("/console/login"); // not signed in: the login page
        login(browser, username, PASSWORD);
        assertThat(browser.findElement(By.id("page-title")).getText()).isEqualTo("Queue");
        assertThat(browser.findElement(By.id("who")).getText()).contains(username);

        browser.findElement(By.id("logout")).click();
        await(browser).until(b -> b.getCurrentUrl().contains("/console/login"));
        assertThat(browser.findElement(By.id("message")).getText()).contains("signed out");
        browser.get(url("/console"));
        assertThat(browser.getCurrentUrl()).endsWith("/console/login");
    }

    @Test
    void aWrongPasswordIsRefusedAndFiveInARowLockTheAccountForAWhileWithoutTellingThatTheNameExists() {
        String username = unique("bob");
        String nobody = unique("nobody"); // no such account
        createReviewer(username, PASSWORD, "reviewer", null);
        WebDriver browser = newBrowser();
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < ReviewerLogin.FAILURES_BEFORE_LOCK; i++) {
            known.add(refusal(browser, username, "wrong password " + i));
            unknown.add(refusal(browser, nobody, "wrong password " + i));
        }
        // Locked: the right password is refused too, and the answer is the one an unknown name gets.
        known.add(refusal(browser, username, PASSWORD));
        unknown.add(refusal(browser, nobody, PASSWORD));
        assertThat(known).hasSize(ReviewerLogin.FAILURES_BEFORE_LOCK + 1)
                .containsOnly(url("/console/login?error") + " | " + ConsoleController.LOGIN_REFUSED);
        assertThat(unknown).isEqualTo(known);

        clock.advance(Duration.ofMinutes(16));
        login(browser, username, PASSWORD);
        assertThat(browser.findElement(By.id("page-title")).getText()).isEqualTo("Queue");
    }

    /** A refused login as the browser shows it: where it lands and the message. */
    private String refusal(WebDriver browser, String username, String password) {
        login(browser, username, password);
        return browser.getCurrentUrl() + " | " + browser.findElement(By.id("message")).getText();
    }

    @Test
    void aFormWithoutTheSessionsCsrfTokenIsRefused() {
        String username = unique("carol");
        createReviewer(username, PASSWORD, "reviewer", null);
        WebDriver browser = newBrowser();
        login(browser, username, PASSWORD);
        // A forged sign-out: the form's token replaced, as a page on another site would have to.
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelectorAll('input[name=_csrf]').forEach(function (i) { i.value = 'forged'; });");
        browser.findElement(By.id("logout")).click();
        await(browser).until(b -> !b.findElements(By.id("refused")).isEmpty());
        assertThat(browser.findElement(By.id("refused")).getText()).contains("CSRF");
        // Still signed in: the forged request changed nothing.
        browser.get(url("/console"));
        assertThat(browser.findElement(By.id("page-title")).getText()).isEqualTo("Queue");

        // A login form sent without any token is refused as well.
        Http.Response noToken = anonymous().send("POST", "/console/login", "username=" + username + "&password=x", "application/x-www-form-urlencoded");
        assertThat(noToken.status()).isEqualTo(403);
    }

    @Test
    void aSessionEndsAfterInactivityAndWhenTheAccountIsDeactivated() {
        String username = unique("dave");
        String reviewerId = createReviewer(username, PASSWORD, "reviewer", null);
        WebDriver browser = newBrowser();
        login(browser, username, PASSWORD);
        clock.advance(Duration.ofMinutes(20));
        browser.get(url("/console")); // active within the timeout: still signed in
        assertThat(browser.findElement(By.id("page-title")).getText()).isEqualTo("Queue");
        clock.advance(Duration.ofMinutes(31));
        browser.get(url("/console"));
        assertThat(browser.getCurrentUrl()).contains("/console/login?expired");
        assertThat(browser.findElement(By.id("message")).getText()).contains("session ended");

        login(browser, username, PASSWORD);
        assertThat(browser.findElement(By.id("page-title")).getText()).isEqualTo("Queue");
        assertThat(admin().post("/admin/reviewers/" + reviewerId + "/deactivate", Map.of()).status()).isEqualTo(200);
        browser.get(url("/console"));
        assertThat(browser.getCurrentUrl()).contains("/console/login");
        login(browser, username, PASSWORD);
        assertThat(browser.getCurrentUrl()).contains("/console/login?error");
    }

    @Test
    void brandKeysNeverOpenTheConsoleAndReviewerCredentialsNeverOpenTheBrandApi() {
        Brand brand = newBrand();
        String username = unique("erin");
        String reviewerId = createReviewer(username, PASSWORD, "supervisor", null);

        // A brand key on the console: the login page, nothing else.
        Http.Response console = brand.api().get("/console");
        assertThat(console.status()).isEqualTo(302);
        assertThat(console.header("Location")).endsWith("/console/login");

        // The reviewer's browser session on the brand API and on the review API: refused.
        WebDriver browser = newBrowser();
        login(browser, username, PASSWORD);
        String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
        Http withSession = anonymous().with("Cookie", "JSESSIONID=" + session);
        assertThat(withSession.get("/console").status()).isEqualTo(200); // the cookie is good...
        Http.Response brandApi = withSession.get("/api/v0.1/customers");
        assertThat(brandApi.status()).isEqualTo(401); // ...but not on the brand API
        assertThat(brandApi.json().get("Code").stringValue()).isEqualTo("auth_err");
        assertThat(withSession.get("/api/v0.1/review/me").status()).isEqualTo(401);

        // The reviewer's token on the brand API: refused; on the console: the login page.
        String token = admin().post("/admin/reviewers/" + reviewerId + "/tokens", Map.of()).json().get("token").stringValue();
        Http withToken = anonymous().with("Authorization", "Bearer " + token);
        assertThat(withToken.get("/api/v0.1/review/me").status()).isEqualTo(200);
        assertThat(withToken.get("/api/v0.1/customers").status()).isEqualTo(401);
        assertThat(withToken.get("/console").status()).isEqualTo(302);
        // And the brand key still works where it belongs.
        assertThat(brand.api().get("/api/v0.1/customers").status()).isEqualTo(200);
    }
}
