package dev.authserver.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium, Debian's, driven through Debian's chromedriver, with what the console's
 * tests share: opening the console afresh, signing in through its form, waiting for what a
 * person would see, screenshots under {@code target/screenshots/}, and the accessible name of
 * every control. Without Chromium it fails the test, naming the packages: a browser test that
 * skipped would hide that the console was never tried.
 */
final class ConsoleBrowser implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	/** A window whose page area is about 1000 by 700. */
	static final Dimension WINDOW = new Dimension(1000, 840);

	private final ChromeDriver driver;

	private final String base;

	private ConsoleBrowser(ChromeDriver driver, String base) {
		this.driver = driver;
		this.base = base;
	}

	/** A browser for the server at {@code base} ({@code http://127.0.0.1:port}). */
	static ConsoleBrowser start(String base) {
		for (Path program : List.of(CHROMIUM, CHROMEDRIVER)) {
			if (!Files.isExecutable(program)) {
				throw new AssertionError(program + " is missing: the console's browser tests need Debian's packages "
						+ "chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run installs them)");
			}
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// as root Chromium starts only without its sandbox
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-extensions", "--no-first-run", "--lang=en-US",
				"--window-size=" + WINDOW.getWidth() + "," + WINDOW.getHeight());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new ConsoleBrowser(new ChromeDriver(service, options), base);
	}

	ChromeDriver driver() {
		return this.driver;
	}

	/**
	 * The console as a new visitor finds it: no cookie, nothing in memory (a new document, not
	 * a change of hash), at this route.
	 */
	void openFresh(String route) {
		this.driver.get("about:blank");
		this.driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
		this.driver.manage().window().setSize(WINDOW);
		open(route);
	}

	/** Loads the console's page at this route ({@code sessions}, {@code inspector}, ...). */
	void open(String route) {
		this.driver.get(this.base + "/console#/" + route);
	}

	/** Goes to this route within the loaded page, as a click on a link would. */
	void go(String route) {
		script("location.hash = arguments[0]", "#/" + route);
	}

	/** Signs in through the form, from a fresh start, and waits for "My sessions". */
	void signIn(String username, String password) {
		openFresh("signin");
		heading("Sign in");
		find("#signin-username").sendKeys(username);
		find("#signin-password").sendKeys(password);
		find("#signin-submit").click();
		heading("My sessions");
	}

	/**
	 * The browser's cookie of this name, with its attributes ({@code value}, {@code httpOnly},
	 * {@code path}, {@code sameSite}, ...), or {@code null}: read through the DevTools protocol,
	 * since WebDriver shows only the cookies of the page's own path and this one is for
	 * {@code /api/auth}.
	 */
	@SuppressWarnings("unchecked")
	Map<String, Object> cookie(String name) {
		List<Map<String, Object>> cookies = (List<Map<String, Object>>) this.driver
			.executeCdpCommand("Storage.getCookies", Map.of())
			.get("cookies");
		return cookies.stream().filter((cookie) -> name.equals(cookie.get("name"))).findFirst().orElse(null);
	}

	WebDriverWait waiting() {
		return new WebDriverWait(this.driver, Duration.ofSeconds(20));
	}

	/** The element, once it is shown. */
	WebElement find(String css) {
		return waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
	}

	/** Waits for the page's heading to read this. */
	void heading(String text) {
		waiting().until(ExpectedConditions.textToBe(By.cssSelector("main h1"), text));
	}

	/** Waits until the element's text contains this, and returns its whole text. */
	String textOf(String css, String expected) {
		waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), expected));
		return this.driver.findElement(By.cssSelector(css)).getText();
	}

	/** Confirms the open confirmation dialog, after checking what it asks. */
	String confirm() {
		WebElement dialog = find("#confirm-dialog[open]");
		String question = dialog.getText();
		dialog.findElement(By.id("confirm-ok")).click();
		waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#confirm-dialog[open]")));
		return question;
	}

	Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
	}

	/** Sends keys to whatever has the focus, as a person at the keyboard does. */
	void type(CharSequence... keys) {
		this.driver.switchTo().activeElement().sendKeys(keys);
	}

	void tab() {
		type(Keys.TAB);
	}

	String focusedId() {
		return this.driver.switchTo().activeElement().getDomProperty("id");
	}

	/**
	 * The controls shown on the page (links, buttons, inputs, selects, text areas) that have no
	 * accessible name, as Chromium's accessibility tree computes it: each described by its tag
	 * and id.
	 */
	List<String> unnamedControls() {
		return this.driver.findElements(By.cssSelector("a[href], button, input, select, textarea"))
			.stream()
			.filter(WebElement::isDisplayed)
			.filter((control) -> control.getAccessibleName() == null || control.getAccessibleName().isBlank())
			.map((control) -> control.getTagName() + "#" + control.getDomProperty("id"))
			.toList();
	}

	/** Saves what the window shows as {@code target/screenshots/<name>.png}. */
	Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(name + ".png");
			Files.copy(this.driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
