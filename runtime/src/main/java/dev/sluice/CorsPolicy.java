package dev.sluice;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which web pages may open an endpoint's event streams, for one endpoint of its own: {@code
 * builder.cors("/public/quotes", CorsPolicy.allowedOrigins("*"))}, where the builder's {@code
 * allowedOrigins(..)} and {@code allowCredentials(..)} set the policy of every other endpoint.
 *
 * <p>A request without {@code Origin} (a same-origin {@code EventSource}, curl, another server) and
 * one whose {@code Origin} is the request's own scheme and host always pass. Any other {@code
 * Origin} must be one of the allowed origins, or the request gets 403 before an event stream opens,
 * and before the endpoint or an authenticator is called. Immutable.
 */
public final class CorsPolicy {
  /** {@code scheme://host} or {@code scheme://host:port}: a browser's serialization. */
  private static final Pattern ORIGIN =
      Pattern.compile("[a-z][a-z0-9+.-]*://[^/?#\\s@]+", Pattern.CASE_INSENSITIVE);

  private static final CorsPolicy SAME_ORIGIN = new CorsPolicy(Set.of(), false);

  private final Set<String> origins;
  private final boolean credentials;

  private CorsPolicy(Set<String> origins, boolean credentials) {
    this.origins = origins;
    this.credentials = credentials;
  }

  /** A policy of origins checked already, as the builders' options give them. */
  static CorsPolicy of(Set<String> checkedOrigins, boolean credentials) {
    return new CorsPolicy(checkedOrigins, credentials);
  }

  /** No other origin: only requests without {@code Origin}, or from the server's own, pass. */
  public static CorsPolicy sameOrigin() {
    return SAME_ORIGIN;
  }

  /**
   * Pages of these exact origins, such as {@code https://app.example.com} or {@code
   * http://localhost:5173} (scheme, host and a port other than the scheme's default, without a path
   * or a trailing {@code /}), without credentials; {@code "*"} for any origin.
   *
   * @throws IllegalArgumentException for a value that is not an origin
   */
  public static CorsPolicy allowedOrigins(String... origins) {
    return new CorsPolicy(checkOrigins(origins), false);
  }

  /**
   * This policy with browsers allowed ({@code true}) to send cookies and to read the response when
   * a page's script asks for credentials ({@code new EventSource(url, {withCredentials: true})}):
   * {@code Access-Control-Allow-Credentials: true}.
   *
   * @throws IllegalArgumentException with {@code true} on a policy allowing {@code "*"}: every site
   *     could then read event streams with its visitors' cookies
   */
  public CorsPolicy allowCredentials(boolean allow) {
    if (allow && origins.contains("*")) {
      throw new IllegalArgumentException(CREDENTIALS_WITH_ANY_ORIGIN);
    }
    return new CorsPolicy(origins, allow);
  }

  /** The allowed origins, lower case; {@code "*"} for any. Unmodifiable. */
  public Set<String> origins() {
    return origins;
  }

  /** Whether credentials are allowed. */
  public boolean credentials() {
    return credentials;
  }

  /** Why {@code *} and credentials cannot go together; the builders say it too. */
  static final String CREDENTIALS_WITH_ANY_ORIGIN =
      "allowedOrigins(\"*\") cannot be combined with allowCredentials(true): any site could"
          + " then read event streams with its visitors' cookies. List the origins that may, such"
          + " as allowedOrigins(\"https://app.example\")";

  static Set<String> checkOrigins(String... origins) {
    Objects.requireNonNull(origins, "origins");
    Set<String> checked = new LinkedHashSet<>();
    for (String origin : origins) {
      Objects.requireNonNull(origin, "origin");
      if (!origin.equals("*") && !ORIGIN.matcher(origin).matches()) {
        throw new IllegalArgumentException(
            "Not an origin: \""
                + origin
                + "\"; write scheme and"
                + " host, and a port if not the default, such as https://app.example or"
                + " http://localhost:5173, without a path or a trailing /, or \"*\" for any");
      }
      checked.add(origin.toLowerCase(Locale.ROOT));
    }
    return Collections.unmodifiableSet(checked);
  }

  @Override
  public String toString() {
    return "CorsPolicy" + origins + (credentials ? " with credentials" : "");
  }
}
