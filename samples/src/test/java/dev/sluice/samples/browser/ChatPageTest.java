package dev.sluice.samples.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.samples.DemoServer;
import dev.sluice.samples.browser.ChatPage.Line;
import dev.sluice.test.SluiceExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo's chat in two real Chromium tabs, one signed-in user each (each tab is its own browser,
 * with its own session cookie): each sees the other's messages once and in order, and a tab that
 * loses its stream ("Network blip" while it is offline) shows what it missed once it is back, and
 * nothing twice.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // only against a hung browser; every wait is bounded
class ChatPageTest {
  private static final String ROOM = "browsers";

  @RegisterExtension final Browsers browsers = new Browsers();

  @RegisterExtension
  final SluiceExtension sluice =
      SluiceExtension.starting(port -> DemoServer.start("127.0.0.1", port));

  @Test
  void twoTabs_seeEachOthersMessagesOnceInOrder_alsoAfterANetworkBlip() {
    ChatPage ada = ChatPage.open(browsers.launch("ada"), sluice.port(), ROOM);
    ChatPage bob = ChatPage.open(browsers.launch("bob"), sluice.port(), ROOM);
    // Connected: the room has subscribed the tab, so it gets every message posted from now.
    ada.awaitState("connected");
    bob.awaitState("connected");

    ada.say("hello bob");
    bob.awaitLines(1);
    bob.say("hi ada");
    List<String> talk = List.of("ada: hello bob", "bob: hi ada");
    assertEquals(talk, said(ada.awaitLines(2)));
    assertEquals(talk, said(bob.awaitLines(2)));

    // Bob's network goes; he clicks "Network blip": the page drops its stream and opens a new
    // one after the last message it showed, which fails until the network is back.
    bob.offline(true);
    bob.blip();
    bob.awaitState("reconnecting");
    ada.say("are you there?");
    ada.say("bob?");
    List<String> missed = List.of("ada: are you there?", "ada: bob?");
    assertEquals(concat(talk, missed), said(ada.awaitLines(4)));
    assertEquals(talk, said(bob.lines()), "offline, bob's tab cannot have read them");

    bob.offline(false);
    bob.awaitState("connected");
    assertEquals(
        concat(talk, missed),
        said(bob.awaitLines(4)),
        "resumed after the last message shown: the ones missed, once");

    bob.say("back");
    List<String> all = concat(concat(talk, missed), List.of("bob: back"));
    List<Line> adaSaw = ada.awaitLines(5);
    List<Line> bobSaw = bob.awaitLines(5);
    assertEquals(all, said(adaSaw));
    assertEquals(all, said(bobSaw), "live again after the resumed ones, nothing twice");
    assertEquals(adaSaw, bobSaw, "the same events, ids included");
  }

  private static List<String> said(List<Line> lines) {
    return lines.stream().map(l -> l.author() + ": " + l.text()).collect(Collectors.toList());
  }

  private static List<String> concat(List<String> first, List<String> second) {
    return Stream.concat(first.stream(), second.stream()).collect(Collectors.toList());
  }
}
