package dev.sluice.samples.browser;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo's chat page ({@code chat.html}) in one tab, driven through its own controls: the sign-in
 * form, the message box, the "Network blip" button, and what it shows in {@code #messages} and
 * {@code #state}. Each tab is its own browser, so each has its own session cookie: one user per
 * tab.
 */
final class ChatPage {
  /** One line of the chat: who said what, and the event id the page showed with it. */
  record Line(String author, String text, String id) {
    @Override
    public String toString() {
      return author + ": " + text + " " + id;
    }
  }

  /** Notices (the page's own lines) have no author; they show up as "(notice)". */
  private static final String READ_LINES =
      "return Array.from(document.querySelectorAll("
          + "'#messages li'), li => li.classList.contains('notice')"
          + " ? {author: '(notice)', text: li.textContent, id: ''}"
          + " : {author: li.querySelector('.who').textContent,"
          + " text: li.querySelector('.who').nextElementSibling.textContent,"
          + " id: li.querySelector('.id').textContent});";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final ChromeDriver driver;
  private final String name;

  private ChatPage(ChromeDriver driver, String name) {
    this.driver = driver;
    this.name = name;
  }

  /** Opens the chat in {@code room} and signs in with the tab's name, through the page's form. */
  static ChatPage open(Chromium tab, int port, String room) {
    tab.driver()
        .get(
            "http://127.0.0.1:"
                + port
                + "/chat?room="
                + encode(room)
                + "&name="
                + encode(tab.name()));
    ChatPage page = new ChatPage(tab.driver(), tab.name());
    page.signIn();
    return page;
  }

  /**
   * The form shows once the page's stream is refused for want of a session (401); the name in it is
   * the one the page was opened with. The page names the user once the sign-in is in.
   */
  private void signIn() {
    await("the sign-in form", d -> d.findElement(By.id("login")).isDisplayed() ? true : null);
    driver.findElement(By.cssSelector("#login button")).click();
    String me = "as " + name;
    await(
        "the page to say '" + me + "'",
        d -> me.equals(d.findElement(By.id("me")).getDomProperty("textContent")) ? true : null);
  }

  /**
   * The state line: "connecting", "connected" or "reconnecting"; empty while the chat is hidden
   * behind the sign-in form.
   */
  String state() {
    return driver.findElement(By.id("state")).getText();
  }

  /** The chat's lines as the page shows them now. */
  List<Line> lines() {
    return ((List<?>) driver.executeScript(READ_LINES))
        .stream()
            .map(
                found -> {
                  Map<?, ?> line = (Map<?, ?>) found;
                  return new Line(
                      (String) line.get("author"),
                      (String) line.get("text"),
                      (String) line.get("id"));
                })
            .toList();
  }

  /** Types {@code text} and presses Enter; returns once the post was accepted (box cleared). */
  void say(String text) {
    driver.findElement(By.id("text")).sendKeys(text, Keys.ENTER);
    await(
        "the post of '" + text + "' to be accepted (the page clears the box)",
        d -> d.findElement(By.id("text")).getDomProperty("value").isEmpty() ? true : null);
  }

  /** Clicks "Network blip": the page drops its stream and resumes after the last line shown. */
  void blip() {
    driver.findElement(By.id("blip")).click();
  }

  /** Takes this tab off the network (DevTools network emulation), or puts it back. */
  void offline(boolean offline) {
    if (offline) {
      driver.setNetworkConditions(new ChromiumNetworkConditions().setOffline(true));
    } else {
      driver.deleteNetworkConditions();
    }
  }

  /** Waits until the state line says {@code state}. */
  void awaitState(String state) {
    await("the state to be '" + state + "'", d -> state.equals(state()) ? true : null);
  }

  /** Waits until the page shows at least {@code count} lines, and returns them all. */
  List<Line> awaitLines(int count) {
    return await(
        "at least " + count + " lines",
        d -> {
          List<Line> lines = lines();
          return lines.size() >= count ? lines : null;
        });
  }

  private <T> T await(String what, Function<ChromeDriver, T> condition) {
    AtomicReference<String> seen = new AtomicReference<>("nothing yet");
    return new WebDriverWait(driver, TIMEOUT)
        .withMessage(() -> name + "'s tab: waiting for " + what + "; it shows " + seen.get())
        .until(
            d -> {
              seen.set("state '" + state() + "', lines " + lines());
              return condition.apply(driver);
            });
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
