package dev.sluice.client;

import java.net.http.HttpHeaders;

/**
 * The server answered with something other than an event stream: a status other than 200 (204 ends
 * an event stream without this exception), or a 200 whose {@code Content-Type} is not {@code
 * text/event-stream}. Reconnecting would get the same answer, so the stream fails, as {@code
 * EventSource} does; only a 5xx with {@code Retry-After} is retried.
 */
public class SseResponseException extends SseClientException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final transient HttpHeaders headers;
  private final String body;

  SseResponseException(String message, int statusCode, HttpHeaders headers, String body) {
    super(message);
    this.statusCode = statusCode;
    this.headers = headers;
    this.body = body;
  }

  public int statusCode() {
    return statusCode;
  }

  public HttpHeaders headers() {
    return headers;
  }

  /** The start of the response body as text (at most a few KiB), such as a 400's reason. */
  public String body() {
    return body;
  }
}
