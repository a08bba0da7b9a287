package dev.sluice.samples.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.samples.DemoServer;
import dev.sluice.samples.browser.DemoPage.Box;
import dev.sluice.test.SluiceExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo's page in a real Chromium: each {@code EventSource} shows its endpoint's events, and
 * reads them again from a restarted server by reconnecting on its own.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // only against a hung browser; every wait is bounded
class DemoPageTest {
  private static final String HELLO = "/events";
  private static final String TICKS = "/ticks?every=PT0.5S";
  private static final String QUOTES = "/quotes";
  private static final String COUNTDOWN = "/countdown/10?every=PT0.5S";

  /** The streams that never end by themselves. */
  private static final List<String> LIVE = List.of(HELLO, TICKS, QUOTES);

  /** Bounds a failure only: the page needs a few seconds on a loaded machine. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /**
   * Chromium reconnects after the stream's retry (2 s for quotes) or its own 3 s default, and once
   * more after each refused attempt while the server is down.
   */
  private static final Duration RECONNECT_TIMEOUT = Duration.ofSeconds(60);

  private static final Pattern TICK = Pattern.compile("\\{\"seq\":(\\d+),\"epochMillis\":\\d+}");
  private static final Pattern QUOTE =
      Pattern.compile("#(\\d+) \\{\"symbol\":\"([A-Z]+)\",\"price\":\\d+(\\.\\d+)?}");
  private static final List<String> SYMBOLS = List.of("ACME", "GLOBEX", "INITECH");

  @RegisterExtension final Browsers browsers = new Browsers();

  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.starting(port -> DemoServer.start("127.0.0.1", port));

  @Test
  void everyEventSource_showsItsEndpointsEvents() {
    DemoPage page = DemoPage.open(browsers.launch("demo"), sluice.port());

    Map<String, Box> boxes =
        page.await(
            "three events in each live box and the countdown ended",
            TIMEOUT,
            b ->
                LIVE.stream().allMatch(url -> b.get(url).events().size() >= 3)
                    && b.get(COUNTDOWN).state().equals("ended"));

    assertEquals(List.of(HELLO, TICKS, QUOTES, COUNTDOWN), List.copyOf(boxes.keySet()));
    for (String url : LIVE) {
      assertEquals("open", boxes.get(url).state(), url);
    }
    for (String hello : boxes.get(HELLO).events()) {
      assertEquals("Hello, world!", hello);
    }
    assertEquals(
        countFrom0(boxes.get(TICKS).events().size()),
        tickSeqs(boxes.get(TICKS)),
        "every tick once, in order");
    List<Long> ids = quoteIds(boxes.get(QUOTES));
    assertEquals(countFrom0(ids.size()), ids, "every quote once, in order, with its id");
    for (String quote : boxes.get(QUOTES).events()) {
      Matcher m = matching(QUOTE, quote);
      assertEquals(
          SYMBOLS.get((int) (Long.parseLong(m.group(1)) % SYMBOLS.size())), m.group(2), quote);
    }
    assertEquals(
        List.of("10", "9", "8", "7", "6", "5", "4", "3", "2", "1", "0", "Liftoff!"),
        boxes.get(COUNTDOWN).events(),
        "the countdown to its end, and not again");
  }

  @Test
  void aRestartedServer_isReadAgainByTheSamePage_withoutAReload() throws Exception {
    DemoPage page = DemoPage.open(browsers.launch("demo"), sluice.port());
    page.await(
        "two events in each live box",
        TIMEOUT,
        b -> LIVE.stream().allMatch(url -> b.get(url).events().size() >= 2));

    sluice.stop();
    Map<String, Box> before =
        page.await(
            "each live box to see its stream end",
            TIMEOUT,
            b -> LIVE.stream().allMatch(url -> b.get(url).state().equals("reconnecting")));
    sluice.start(); // on the port it had, as a restarted server would be

    Map<String, Box> after =
        page.await(
            "two more events in each live box, from the new server",
            RECONNECT_TIMEOUT,
            b ->
                LIVE.stream()
                    .allMatch(
                        url ->
                            b.get(url).state().equals("open")
                                && b.get(url).events().size()
                                    >= before.get(url).events().size() + 2));

    for (String url : LIVE) {
      List<String> earlier = before.get(url).events();
      assertEquals(
          earlier,
          after.get(url).events().subList(0, earlier.size()),
          url + ": the same page still shows what it showed before the restart");
    }
    List<Long> ticks = tickSeqs(after.get(TICKS));
    int firstNew = before.get(TICKS).events().size();
    assertEquals(countFrom0(firstNew), ticks.subList(0, firstNew));
    assertEquals(
        countFrom0(ticks.size() - firstNew),
        ticks.subList(firstNew, ticks.size()),
        "the new server's ticks, from its first");
    List<Long> ids = quoteIds(after.get(QUOTES));
    assertEquals(
        countFrom0(ids.size()),
        ids,
        "the browser sent Last-Event-ID, and the new server resumed right after it");
  }

  private static List<Long> tickSeqs(Box ticks) {
    return ticks.events().stream()
        .map(tick -> Long.parseLong(matching(TICK, tick).group(1)))
        .collect(Collectors.toList());
  }

  private static List<Long> quoteIds(Box quotes) {
    return quotes.events().stream()
        .map(quote -> Long.parseLong(matching(QUOTE, quote).group(1)))
        .collect(Collectors.toList());
  }

  private static List<Long> countFrom0(int count) {
    return LongStream.range(0, count).boxed().collect(Collectors.toList());
  }

  private static Matcher matching(Pattern pattern, String event) {
    Matcher m = pattern.matcher(event);
    assertTrue(m.matches(), () -> "'" + event + "' is not " + pattern);
    return m;
  }
}
