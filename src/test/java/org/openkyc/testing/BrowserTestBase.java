package org.openkyc.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The server on a random port (as {@link ApiTestBase}) driven by a real browser: Debian's
 * Chromium headless through its own chromedriver ({@code apt-get install chromium chromium-driver};
 * .ci/run installs them), so Selenium never downloads a driver. Every browser a test opened gets a
 * screenshot and its page source in {@code target/browser-screenshots/} when the test fails, and
 * is closed after the test.
 */
@ExtendWith(BrowserTestBase.ScreenshotOnFailure.class)
public abstract class BrowserTestBase extends ApiTestBase {

    static final String CHROMEDRIVER = System.getProperty("openkyc.test.chromedriver", "/usr/bin/chromedriver");
    static final String CHROMIUM = System.getProperty("openkyc.test.chromium", "/usr/bin/chromium");
    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

    private final List<WebDriver> browsers = new ArrayList<>();

    /** A new browser with its own cookies (a second reviewer is a second browser). */
    protected WebDriver newBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000",
                "--disable-extensions", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        browsers.add(driver);
        return driver;
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Creates a reviewer account through the operator API; returns its id. */
    protected String createReviewer(String username, String password, String role, java.util.UUID brandId) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        body.put("role", role);
        if (brandId != null) {
            body.put("brand_id", brandId.toString());
        }
        Http.Response response = admin().post("/admin/reviewers", body);
        if (response.status() != 201) {
            throw new AssertionError("reviewer not created: " + response);
        }
        return response.json().get("reviewer_id").stringValue();
    }

    /** Fills and sends the console's login form. */
    protected void login(WebDriver browser, String username, String password) {
        browser.get(url("/console/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        await(browser).until(b -> !b.getCurrentUrl().endsWith("/console/login"));
    }

    /** Waits up to 10 s; an element that htmx swapped out while the condition read it is looked up again on the next poll. */
    protected static WebDriverWait await(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
        browsers.clear();
    }

    /** Runs before {@code @AfterEach}, while the browsers are still open. */
    static final class ScreenshotOnFailure implements AfterTestExecutionCallback {
        @Override
        public void afterTestExecution(ExtensionContext context) throws IOException {
            if (context.getExecutionException().isEmpty() || !(context.getRequiredTestInstance() instanceof BrowserTestBase test)) {
                return;
            }
            Files.createDirectories(SCREENSHOTS);
            String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
            for (int i = 0; i < test.browsers.size(); i++) {
                WebDriver browser = test.browsers.get(i);
                try {
                    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
                    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + "-" + i + ".png"), StandardCopyOption.REPLACE_EXISTING);
                    Files.writeString(SCREENSHOTS.resolve(name + "-" + i + ".html"), browser.getCurrentUrl() + "\n" + browser.getPageSource());
                } catch (RuntimeException e) {
                    // The browser itself failed: nothing to show.
                }
            }
        }
    }
}
