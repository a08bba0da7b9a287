package dev.sluice.internal.admit;

import dev.sluice.SseAuthenticator;

/**
 * One authenticator registered with a builder.
 *
 * @param type the principal it makes
 * @param challenge the {@code WWW-Authenticate} value of the 401 an anonymous request gets from an
 *     endpoint that requires its principal
 */
public record Authenticator(Class<?> type, SseAuthenticator<?> authenticator, String challenge) {
  String typeName() {
    return type.getName();
  }
}
