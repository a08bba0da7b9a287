package dev.sluice.client;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request of an event source and its response: the transport under {@link
 * EventSourceSubscription}, which decides what a response or a lost connection means. Body bytes
 * are asked for one chunk at a time, only when the subscription has demand and nothing parsed left
 * to deliver ({@link #requestMore}), so a reader that stops asking stops the reading and TCP (or
 * HTTP/2 flow control) holds the server back.
 *
 * <p>The read timeout runs only while bytes are awaited (the response head, or a chunk asked for):
 * any byte resets it, heartbeat comments included, and a reader that asks for nothing is never
 * timed out for its own slowness.
 *
 * <p>Threading: the HttpClient calls the body methods one at a time on its threads; {@link
 * #requestMore} is called from the subscription's drain, one thread at a time; {@link #cancel} and
 * the timer from any thread. The listener hears of the end exactly once, unless the exchange was
 * cancelled.
 */
final class Exchange {
  private static final int ERROR_BODY_LIMIT = 4096;

  /** What an exchange reports to its event source. */
  interface Listener {
    /** The response is an event stream; events follow. */
    void opened(Exchange exchange);

    /** An event parsed from the body. */
    void event(MessageEvent<String> event);

    /** A {@code retry} field. */
    void retry(long millis);

    /** Parsed events may be waiting, or the body may want more demand. */
    void readable(Exchange exchange);

    /**
     * The connection ended or broke: {@code cause} is null for the body's clean end, else the I/O
     * error or {@link SseTimeoutException}. A reconnect may follow.
     */
    void lost(Exchange exchange, Throwable cause);

    /** The response was not an event stream; its head and the start of its body. */
    void answered(Exchange exchange, int status, HttpHeaders headers, String body);

    /** The event stream cannot go on (an event over {@code maxEventSize}); no reconnect. */
    void failed(Exchange exchange, SseClientException failure);
  }

  private final HttpClient http;
  private final long readTimeoutNanos;
  private final Listener listener;
  private final EventStreamParser parser;
  private final AtomicBoolean finished = new AtomicBoolean();

  /** Bytes are awaited: the head, or a body chunk that was asked for. */
  private final AtomicBoolean awaiting = new AtomicBoolean();

  private volatile long lastActivity;
  private volatile Flow.Subscription body;
  private volatile CompletableFuture<HttpResponse<String>> response;
  private volatile ScheduledFuture<?> timeoutCheck;

  Exchange(
      HttpClient http,
      Duration readTimeout,
      int maxEventSize,
      String lastEventId,
      Listener listener) {
    this.http = http;
    this.readTimeoutNanos = readTimeout.toNanos();
    this.listener = listener;
    this.parser =
        new EventStreamParser(
            new EventStreamParser.Listener() {
              @Override
              public void onEvent(MessageEvent<String> event) {
                listener.event(event);
              }

              @Override
              public void onRetry(long millis) {
                listener.retry(millis);
              }
            },
            lastEventId,
            maxEventSize);
  }

  /** Sends the request; returns at once. */
  void start(HttpRequest request) {
    lastActivity = System.nanoTime();
    awaiting.set(true); // the response head
    scheduleTimeoutCheck(readTimeoutNanos);
    CompletableFuture<HttpResponse<String>> sent = http.sendAsync(request, this::bodyFor);
    response = sent;
    sent.whenComplete(this::responded);
    if (finished.get()) {
      sent.cancel(true); // cancelled while it was being sent
    }
  }

  /**
   * The event source's last event id as this event stream left it. Read after the end was reported:
   * the parser's last write happened before.
   */
  String lastEventId() {
    return parser.lastEventId();
  }

  /** Asks for the next body chunk unless one is already on its way. */
  void requestMore() {
    Flow.Subscription subscription = body;
    if (subscription == null || finished.get() || awaiting.get()) {
      return;
    }
    lastActivity = System.nanoTime();
    awaiting.set(true);
    subscription.request(1);
  }

  /** Stops the exchange without reporting: the subscription is over. */
  void cancel() {
    if (finished.compareAndSet(false, true)) {
      abort();
    }
  }

  private void abort() {
    ScheduledFuture<?> check = timeoutCheck;
    if (check != null) {
      check.cancel(false);
    }
    Flow.Subscription subscription = body;
    if (subscription != null) {
      subscription.cancel(); // closes an HTTP/1.1 connection, resets an HTTP/2 stream
    }
    CompletableFuture<HttpResponse<String>> sent = response;
    if (sent != null) {
      sent.cancel(true);
    }
  }

  private BodySubscriber<String> bodyFor(ResponseInfo info) {
    lastActivity = System.nanoTime();
    awaiting.set(false);
    if (info.statusCode() == 200 && isEventStream(info.headers())) {
      listener.opened(this);
      return new EventBody();
    }
    // Answered as soon as the start of the body is in: a body cut off after it may end the
    // response with an error, which is not the answer.
    ErrorBody errorBody = new ErrorBody(ERROR_BODY_LIMIT);
    errorBody
        .getBody()
        .thenAccept(
            text -> {
              if (finished.compareAndSet(false, true)) {
                cancelTimeoutCheck();
                listener.answered(this, info.statusCode(), info.headers(), text);
              }
            });
    return errorBody;
  }

  static boolean isEventStream(HttpHeaders headers) {
    String type = headers.firstValue("Content-Type").orElse("");
    int parameters = type.indexOf(';');
    String mediaType = (parameters < 0 ? type : type.substring(0, parameters)).trim();
    return mediaType.toLowerCase(Locale.ROOT).equals("text/event-stream");
  }

  /** Only failures matter here: each body reports its own outcome. */
  private void responded(HttpResponse<String> answer, Throwable error) {
    if (error != null) {
      end(
          error instanceof CompletionException && error.getCause() != null
              ? error.getCause()
              : error);
    }
  }

  /** Reports a lost connection once, unless the exchange already ended or was cancelled. */
  private void end(Throwable cause) {
    if (finished.compareAndSet(false, true)) {
      cancelTimeoutCheck();
      listener.lost(this, cause);
    }
  }

  private void cancelTimeoutCheck() {
    ScheduledFuture<?> check = timeoutCheck;
    if (check != null) {
      check.cancel(false);
    }
  }

  private void scheduleTimeoutCheck(long delayNanos) {
    if (readTimeoutNanos > 0 && !finished.get()) {
      timeoutCheck = Timers.schedule(this::checkReadTimeout, delayNanos);
    }
  }

  private void checkReadTimeout() {
    if (finished.get()) {
      return;
    }
    long silent = System.nanoTime() - lastActivity;
    if (!awaiting.get()) {
      scheduleTimeoutCheck(readTimeoutNanos);
    } else if (silent < readTimeoutNanos) {
      scheduleTimeoutCheck(readTimeoutNanos - silent);
    } else if (finished.compareAndSet(false, true)) {
      abort();
      listener.lost(
          this,
          new SseTimeoutException(
              "No byte from the server within the read"
                  + " timeout of "
                  + Duration.ofNanos(readTimeoutNanos)));
    }
  }

  /** The body of an event stream, parsed as it arrives. */
  private final class EventBody implements BodySubscriber<String> {
    @Override
    public CompletionStage<String> getBody() {
      // The events are the body; the response itself is complete once its head is in.
      return CompletableFuture.completedStage(null);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      body = subscription;
      if (finished.get()) {
        subscription.cancel(); // cancelled before the body began
        return;
      }
      listener.readable(Exchange.this);
    }

    @Override
    public void onNext(List<ByteBuffer> chunk) {
      if (finished.get()) {
        return; // cancelled; what is left of the body is not wanted
      }
      lastActivity = System.nanoTime();
      awaiting.set(false);
      try {
        for (ByteBuffer bytes : chunk) {
          parser.feed(bytes);
        }
      } catch (SseClientException tooLarge) {
        if (finished.compareAndSet(false, true)) {
          abort();
          listener.failed(Exchange.this, tooLarge);
        }
        return;
      }
      listener.readable(Exchange.this);
    }

    @Override
    public void onError(Throwable error) {
      end(error);
    }

    @Override
    public void onComplete() {
      end(null);
    }
  }
}
