package dev.sluice.internal.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The raw relative path, from what Undertow reports: the request URI as sent, its decoded path
 * (with {@code %2F} kept encoded, Undertow's default, unless noted), and the relative path a {@code
 * PathHandler} prefix left.
 */
class RawPathTest {
  @Test
  void notMounted_isTheRawPathAsSent() {
    assertEquals("/rooms/a%2Fb", RawPath.relative("/rooms/a%2Fb", "/rooms/a%2Fb", "/rooms/a%2Fb"));
    assertEquals("/r%C3%A9", RawPath.relative("/r%C3%A9", "/ré", "/ré"));
  }

  @Test
  void underAPrefix_isWhatThePrefixLeaves_stillEncoded() {
    assertEquals("/events", RawPath.relative("/sse/events", "/sse/events", "/events"));
    assertEquals(
        "/rooms/a%2Fb", RawPath.relative("/sse/rooms/a%2Fb", "/sse/rooms/a%2Fb", "/rooms/a%2Fb"));
    // Decoded once by Undertow, '%2541' is '%41': routing the decoded path would decode it again.
    assertEquals("/x/%2541", RawPath.relative("/sse/x/%2541", "/sse/x/%41", "/x/%41"));
  }

  @Test
  void nestedPrefixes_areAllStripped() {
    assertEquals(
        "/events", RawPath.relative("/api/v1/sse/events", "/api/v1/sse/events", "/events"));
  }

  @Test
  void thePrefixItself_isTheRoot() {
    assertEquals("/", RawPath.relative("/sse", "/sse", ""));
    assertEquals("/", RawPath.relative("/sse/", "/sse/", "/"));
  }

  @Test
  void aPrefixSentEncoded_isFoundInItsEncodedForm() {
    assertEquals("/events", RawPath.relative("/%73se/events", "/sse/events", "/events"));
    assertEquals("/r%C3%A9", RawPath.relative("/caf%C3%A9/r%C3%A9", "/café/ré", "/ré"));
  }

  @Test
  void encodedSlashDecodedByTheListener_stillSplitsOnlyOnRealSlashes() {
    // With ALLOW_ENCODED_SLASH, Undertow decodes %2F: the decoded path has a '/' the raw has not.
    assertEquals(
        "/rooms/a%2Fb", RawPath.relative("/sse/rooms/a%2Fb", "/sse/rooms/a/b", "/rooms/a/b"));
    assertEquals("/events", RawPath.relative("/api%2Fv1/events", "/api/v1/events", "/events"));
  }

  @Test
  void aPrefixEndingInsideAnEncodedSlash_isNotServed() {
    assertNull(RawPath.relative("/sse%2Fevents", "/sse/events", "/events"));
  }

  @Test
  void queryAndPathParameters_andAbsoluteForm_areNotPartOfThePath() {
    assertEquals("/events", RawPath.relative("/sse/events;jsessionid=1", "/sse/events", "/events"));
    assertEquals(
        "/events", RawPath.relative("http://example.com/sse/events", "/sse/events", "/events"));
  }

  @Test
  void aRelativePathRewrittenByAnotherHandler_isRoutedAsWritten() {
    assertEquals("/new", RawPath.relative("/old", "/old", "/new"));
  }
}
