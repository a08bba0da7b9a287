/**
 * Sluice's SSE client, on the JDK's {@code HttpClient}: {@code SseClient} and the event streams it
 * reads. Its API names {@code HttpClient} (a client of one's own) and Jackson's {@code
 * ObjectMapper} and {@code TypeReference} (typed events), which a module that requires it therefore
 * reads too. A type read from JSON must be in a package Jackson can reach: open to it ({@code opens
 * com.example.quotes to com.fasterxml.jackson.databind;}), or public in an exported one.
 */
module dev.sluice.client {
  requires transitive java.net.http;
  requires transitive com.fasterxml.jackson.databind;
  // @SseEventName, read on a sealed type's subtypes to map an event's name back to one.
  requires dev.sluice.annotation;
  // The rule that names those subtypes, shared with the processor that names them on the server.
  requires dev.sluice.wire;

  exports dev.sluice.client;
}
