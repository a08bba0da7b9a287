package dev.sluice.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

class ReactiveStreamsTest {
  /** Emits 1, 2, 3, ... as requested, and records what it was asked. */
  private static final class CountingPublisher implements Publisher<Integer> {
    final List<String> calls = new ArrayList<>();

    @Override
    public void subscribe(Subscriber<? super Integer> subscriber) {
      subscriber.onSubscribe(
          new Subscription() {
            int next = 1;

            @Override
            public void request(long n) {
              calls.add("request " + n);
              for (long i = 0; i < n; i++) {
                subscriber.onNext(next++);
              }
            }

            @Override
            public void cancel() {
              calls.add("cancel");
            }
          });
    }
  }

  /** Requests two, then cancels. */
  private static final class TakeTwo implements Flow.Subscriber<Integer> {
    final List<Integer> received = new ArrayList<>();
    private Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(2);
    }

    @Override
    public void onNext(Integer item) {
      received.add(item);
      if (received.size() == 2) {
        subscription.cancel();
      }
    }

    @Override
    public void onError(Throwable error) {
      throw new AssertionError(error);
    }

    @Override
    public void onComplete() {
      throw new AssertionError("the source never completes");
    }
  }

  @Test
  void toFlow_passesDemandItemsAndCancelThrough() {
    CountingPublisher source = new CountingPublisher();
    TakeTwo subscriber = new TakeTwo();

    ReactiveStreams.toFlow(source).subscribe(subscriber);

    assertEquals(List.of(1, 2), subscriber.received);
    assertEquals(List.of("request 2", "cancel"), source.calls);
  }

  @Test
  void toFlow_ofNull_saysTheEndpointReturnedNull() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> ReactiveStreams.toFlow(null));
    assertEquals("the endpoint returned a null Publisher", e.getMessage());
  }

  /**
   * The reactive-streams jar is optional: a server runs without it as long as no class it loads
   * names the jar's types. Only the adapter does, and only generated routes of endpoints that
   * return such publishers call the adapter.
   */
  @Test
  void onlyTheAdapter_namesReactiveStreamsTypes() throws IOException, URISyntaxException {
    Path classes =
        Path.of(ReactiveStreams.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    byte[] name = "org/reactivestreams/".getBytes(StandardCharsets.UTF_8);
    List<String> naming;
    try (Stream<Path> files = Files.walk(classes)) {
      naming =
          files
              .filter(file -> file.toString().endsWith(".class"))
              .filter(file -> contains(read(file), name))
              .map(file -> classes.relativize(file).toString().replace('\\', '/'))
              .sorted()
              .collect(Collectors.toList());
    }
    assertEquals(List.of("dev/sluice/spi/ReactiveStreams.class"), naming);
    assertTrue(Files.exists(classes.resolve("dev/sluice/SseServer.class")), classes.toString());
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
