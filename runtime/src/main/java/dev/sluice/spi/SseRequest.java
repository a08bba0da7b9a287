package dev.sluice.spi;

/** What a generated handler reads from the request. Each method returns null when absent. */
public interface SseRequest {
  /** The percent-decoded value of the path variable {@code {name}}. */
  String pathParam(String name);

  /** The first value of the query parameter {@code name}. */
  String queryParam(String name);

  /** The first value of the header {@code name}, matched case-insensitively. */
  String header(String name);

  /** The {@code Last-Event-ID} header, or else the {@code lastEventId} query parameter. */
  String lastEventId();
}
