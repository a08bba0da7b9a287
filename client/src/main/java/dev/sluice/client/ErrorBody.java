package dev.sluice.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The body of a response that is not an event stream, kept only for the error message: at most
 * {@code limit} bytes are read, then the rest is cancelled, so that a server cannot make the client
 * hold (or wait for) an endless error page.
 */
final class ErrorBody implements BodySubscriber<String> {
  private final int limit;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<String> text = new CompletableFuture<>();
  private Flow.Subscription subscription;

  ErrorBody(int limit) {
    this.limit = limit;
  }

  @Override
  public CompletionStage<String> getBody() {
    return text;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    for (ByteBuffer item : items) {
      int n = Math.min(item.remaining(), limit - bytes.size());
      byte[] chunk = new byte[n];
      item.get(chunk);
      bytes.write(chunk, 0, n);
    }
    if (bytes.size() >= limit) {
      subscription.cancel();
      complete();
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onError(Throwable error) {
    complete(); // the status is what matters; the body is only an aid
  }

  @Override
  public void onComplete() {
    complete();
  }

  private void complete() {
    text.complete(bytes.toString(UTF_8));
  }
}
