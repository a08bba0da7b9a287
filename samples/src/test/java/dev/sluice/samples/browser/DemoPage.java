package dev.sluice.samples.browser;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo's page ({@code index.html}) as a user sees it: a box per {@code EventSource}, keyed by
 * the endpoint it reads ({@code data-url}), with its state line and the events it showed.
 */
final class DemoPage {
  /** What one box shows: its state line ("open", "reconnecting", "ended"...) and its events. */
  record Box(String url, String state, List<String> events) {}

  private static final String READ_BOXES =
      "return Array.from(document.querySelectorAll("
          + "'section[data-url]'), box => ({url: box.dataset.url,"
          + " state: box.querySelector('.state').textContent,"
          + " events: Array.from(box.querySelectorAll('li'), li => li.textContent)}));";

  private final ChromeDriver driver;

  private DemoPage(ChromeDriver driver) {
    this.driver = driver;
  }

  static DemoPage open(Chromium tab, int port) {
    return open(tab, "http://127.0.0.1:" + port + "/");
  }

  static DemoPage open(Chromium tab, String url) {
    tab.driver().get(url);
    return new DemoPage(tab.driver());
  }

  /** The protocol the page says it came over, once it says one: {@code h2}, {@code http/1.1}. */
  String protocol(Duration timeout) {
    return new WebDriverWait(driver, timeout)
        .withMessage("waiting for the page to show its protocol")
        .until(
            d -> {
              Object text =
                  driver.executeScript("return document.getElementById('protocol').textContent;");
              return "?".equals(text) ? null : (String) text;
            });
  }

  /** Every box, in page order, as the DOM shows it now. */
  Map<String, Box> boxes() {
    Map<String, Box> boxes = new LinkedHashMap<>();
    for (Object found : (List<?>) driver.executeScript(READ_BOXES)) {
      Map<?, ?> box = (Map<?, ?>) found;
      List<String> events = ((List<?>) box.get("events")).stream().map(String.class::cast).toList();
      Box read = new Box((String) box.get("url"), (String) box.get("state"), events);
      boxes.put(read.url(), read);
    }
    return boxes;
  }

  /**
   * Waits until the boxes show what {@code done} wants, and returns them as they were then; fails
   * after {@code timeout} with {@code what} and the boxes as last read.
   */
  Map<String, Box> await(String what, Duration timeout, Predicate<Map<String, Box>> done) {
    AtomicReference<Map<String, Box>> last = new AtomicReference<>();
    return new WebDriverWait(driver, timeout)
        .withMessage(() -> "waiting until " + what + "; the page shows " + last.get())
        .until(
            d -> {
              Map<String, Box> boxes = boxes();
              last.set(boxes);
              return done.test(boxes) ? boxes : null;
            });
  }
}
