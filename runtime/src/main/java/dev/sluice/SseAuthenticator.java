package dev.sluice;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Makes a principal of a request for an event stream, before the endpoint method is called and
 * before anything is sent: registered with {@code authenticator(User.class, ..)} on {@link
 * SseServer.Builder} or {@link SseHandler.Builder}, and given to endpoints through
 * {@code @Authenticated User user} parameters.
 *
 * <pre>{@code
 * SseServer.builder()
 *     .authenticator(User.class, request -> request.cookie("session")
 *         .map(sessions::find)          // may block: this runs on a worker thread
 *         .orElse(null))                // null: anonymous
 *     ...
 * }</pre>
 *
 * <p>It returns the principal, or null for an anonymous request (which an endpoint requiring a
 * principal answers with 401), or throws {@link SseStatusException} to refuse the request with that
 * status and its headers: {@link SseStatusException#unauthorized} for a 401 with {@code
 * WWW-Authenticate}, 403 for a credential that is valid but not enough. Anything else it throws is
 * answered 500, with no details to the client, and logged on {@code dev.sluice.auth} at most once
 * every 10 seconds, with the exception's type and stack frames but not its message, which may quote
 * the credential it rejected.
 *
 * <p><b>When it runs.</b> For every request to an endpoint that passed the method, {@code Accept},
 * {@code Origin} and stream-limit checks, off the I/O thread: on a worker for endpoints returning a
 * publisher, on the stream's own thread for {@code Stream} endpoints. It may block (a session
 * store), and it is called concurrently for concurrent requests. An endpoint with an
 * {@code @Authenticated P} parameter runs the one authenticator providing {@code P}; an endpoint
 * without one runs every authenticator the builder was given, in order, each of which may refuse
 * it, and gets no principal.
 *
 * @param <P> the principal
 */
@FunctionalInterface
public interface SseAuthenticator<P> {
  /**
   * The principal of {@code request}, or null for an anonymous one.
   *
   * @throws SseStatusException to refuse the request with its status
   * @throws Exception any other failure, answered 500
   */
  P authenticate(Request request) throws Exception;

  /**
   * What an authenticator may read of a request. Values are as the client sent them; a header or a
   * cookie given more than once reads as its first.
   */
  interface Request {
    /** {@code GET}: an event stream is always a GET. */
    String method();

    /** The request's path, percent-decoded, as the server received it (prefix included). */
    String path();

    /** The endpoint's path template, as its {@code @SseEndpoint} writes it: {@code /a/{b}}. */
    String endpoint();

    /** The percent-decoded value of the path variable {@code {name}}. */
    Optional<String> pathParam(String name);

    /** The first value of the query parameter {@code name}. */
    Optional<String> queryParam(String name);

    /** The first value of the header {@code name}, matched case-insensitively. */
    Optional<String> header(String name);

    /** The value of the cookie {@code name}, matched exactly. */
    Optional<String> cookie(String name);

    /** The address of the client's end of the connection (a proxy's, behind one). */
    InetSocketAddress remoteAddress();

    /** Whether the request came over TLS. */
    boolean secure();
  }
}
