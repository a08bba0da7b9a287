package dev.sluice.internal;

import dev.sluice.SseAuthenticator;
import dev.sluice.spi.SseRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one route runs to know who is asking: the authenticator providing its principal, or, for a
 * route that takes none, every authenticator of the handler (each may refuse the request).
 * Immutable.
 */
public final class Authentication {
  static final Authentication NONE = new Authentication(List.of(), null, false);

  private final List<Authenticator> run;
  private final Authenticator provider;
  private final boolean required;

  private Authentication(List<Authenticator> run, Authenticator provider, boolean required) {
    this.run = run;
    this.provider = provider;
    this.required = required;
  }

  /**
   * One registered authenticator.
   *
   * @param challenge the {@code WWW-Authenticate} value of the 401 an anonymous request gets from
   *     an endpoint that requires its principal
   */
  public record Authenticator(Class<?> type, SseAuthenticator<?> authenticator, String challenge) {
    String typeName() {
      return type.getName();
    }
  }

  /**
   * What {@code route} runs, among {@code authenticators}.
   *
   * @throws IllegalArgumentException if the route takes a principal that none of them provides, or
   *     that more than one does
   */
  static Authentication of(SseRoute route, List<Authenticator> authenticators) {
    Class<?> wanted = route.principalType();
    if (wanted == null) {
      return authenticators.isEmpty()
          ? NONE
          : new Authentication(List.copyOf(authenticators), null, false);
    }
    List<Authenticator> providers = new ArrayList<>();
    for (Authenticator authenticator : authenticators) {
      if (wanted.isAssignableFrom(authenticator.type())) {
        providers.add(authenticator);
      }
    }
    String endpoint = route.path() + " (" + route.method() + ")";
    if (providers.isEmpty()) {
      throw new IllegalArgumentException(
          "The endpoint "
              + endpoint
              + " takes an @Authenticated "
              + wanted.getName()
              + ", but no authenticator provides one; add"
              + " authenticator("
              + wanted.getSimpleName()
              + ".class, request -> ...) to the builder");
    }
    if (providers.size() > 1) {
      throw new IllegalArgumentException(
          "The endpoint "
              + endpoint
              + " takes an @Authenticated "
              + wanted.getName()
              + ", which more than one authenticator provides ("
              + providers.stream().map(Authenticator::typeName).collect(Collectors.joining(", "))
              + "); make its parameter one of those types");
    }
    return new Authentication(
        List.of(providers.get(0)), providers.get(0), route.principalRequired());
  }

  /** Whether nothing runs: the route is served as if there were no authentication at all. */
  boolean isNone() {
    return run.isEmpty();
  }

  /** Whether an anonymous request is refused with 401. */
  boolean required() {
    return required;
  }

  /** The challenge of that 401. */
  String challenge() {
    return provider.challenge();
  }

  /**
   * Runs the authenticators, in order.
   *
   * @return the route's principal, or null: anonymous, or a route that takes none
   * @throws dev.sluice.SseStatusException when an authenticator refuses the request
   * @throws Exception whatever else an authenticator throws; a principal of the wrong type (a raw
   *     authenticator's doing) as a {@link ClassCastException}
   */
  Object authenticate(SseAuthenticator.Request request) throws Exception {
    Object principal = null;
    for (Authenticator authenticator : run) {
      Object made = authenticator.authenticator().authenticate(request);
      if (made != null && !authenticator.type().isInstance(made)) {
        throw new ClassCastException(
            "The authenticator for "
                + authenticator.typeName()
                + " returned a "
                + made.getClass().getName());
      }
      if (authenticator == provider) {
        principal = made;
      }
    }
    return principal;
  }
}
