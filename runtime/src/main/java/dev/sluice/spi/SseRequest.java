package dev.sluice.spi;

import java.util.List;

/**
 * What a generated handler reads from the request. Each single-valued method returns null when
 * absent; each multi-valued one an empty list.
 */
public interface SseRequest {
  /** The percent-decoded value of the path variable {@code {name}}. */
  String pathParam(String name);

  /** The first value of the query parameter {@code name}. */
  String queryParam(String name);

  /** Every value of the query parameter {@code name}, in request order. */
  List<String> queryParams(String name);

  /** The first value of the header {@code name}, matched case-insensitively. */
  String header(String name);

  /** Every value of the header {@code name} (one per header field), in request order. */
  List<String> headers(String name);

  /** The {@code Last-Event-ID} header, or else the {@code lastEventId} query parameter. */
  String lastEventId();

  /**
   * The principal the route's authenticator made of the request, for its {@code @Authenticated}
   * parameter; null when anonymous or when the route takes none.
   */
  Object principal();
}
