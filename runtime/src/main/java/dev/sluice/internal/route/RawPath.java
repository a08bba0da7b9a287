package dev.sluice.internal.route;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The path a handler routes on: the part of the request's path that the prefix it is mounted under
 * ({@code PathHandler.addPrefixPath}) leaves, as the client sent it, still percent-encoded.
 * Undertow gives that part only decoded ({@code getRelativePath()}), and routing a decoded path
 * would split {@code %2F} into two segments and decode {@code %25} twice; so the prefix is found
 * again in the raw path, where it ends on a {@code /}.
 */
final class RawPath {
  private RawPath() {}

  /**
   * @param requestUri the exchange's request URI, as sent
   * @param requestPath its decoded path
   * @param relativePath what the handlers before this one left of it
   * @return the raw relative path, {@code /} for the prefix itself, or null when no part of the raw
   *     path decodes to the prefix (it ended inside an encoded {@code /})
   */
  static String relative(String requestUri, String requestPath, String relativePath) {
    String raw = pathOf(requestUri);
    if (relativePath.equals(requestPath)) {
      return raw; // not under a prefix
    }
    if (!requestPath.endsWith(relativePath)) {
      // A handler before this one rewrote the path rather than strip a prefix: route on what
      // it wrote, which has no raw form.
      return relativePath.isEmpty() ? "/" : relativePath;
    }
    String prefix = requestPath.substring(0, requestPath.length() - relativePath.length());
    int end = prefixEnd(raw, prefix);
    if (end < 0) {
      return null;
    }
    return end == raw.length() ? "/" : raw.substring(end);
  }

  /** The path of a request URI: without scheme and host, and without path parameters. */
  static String pathOf(String uri) {
    if (!uri.startsWith("/")) { // absolute-form: http://host/path
      int scheme = uri.indexOf("://");
      int slash = scheme < 0 ? -1 : uri.indexOf('/', scheme + 3);
      uri = slash < 0 ? "/" : uri.substring(slash);
    }
    int semicolon = uri.indexOf(';');
    return semicolon < 0 ? uri : uri.substring(0, semicolon);
  }

  /** Where the raw form of the decoded {@code prefix} ends in {@code raw}, or -1. */
  private static int prefixEnd(String raw, String prefix) {
    if (raw.startsWith(prefix) && endsSegment(raw, prefix.length())) {
      return prefix.length(); // the usual case: a prefix the client sent as it is written
    }
    for (int end = raw.indexOf('/', 1); ; end = raw.indexOf('/', end + 1)) {
      int at = end < 0 ? raw.length() : end;
      String part = raw.substring(0, at);
      // Undertow leaves %2F encoded unless its listener allows encoded slashes: either way.
      if (prefix.equals(decode(part, true)) || prefix.equals(decode(part, false))) {
        return at;
      }
      if (end < 0) {
        return -1;
      }
    }
  }

  private static boolean endsSegment(String raw, int index) {
    return index == raw.length() || raw.charAt(index) == '/';
  }

  /** Percent-decodes UTF-8, {@code %2F} kept as it is if asked; null when malformed. */
  private static String decode(String raw, boolean keepEncodedSlash) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '%') {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      int value = i + 2 < raw.length() ? hex(raw.charAt(i + 1), raw.charAt(i + 2)) : -1;
      if (value < 0) {
        return null;
      }
      if (value == '/' && keepEncodedSlash) {
        bytes.writeBytes(raw.substring(i, i + 3).getBytes(StandardCharsets.US_ASCII));
      } else {
        bytes.write(value);
      }
      i += 2;
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char high, char low) {
    int h = Character.digit(high, 16);
    int l = Character.digit(low, 16);
    return h < 0 || l < 0 ? -1 : h * 16 + l;
  }
}
