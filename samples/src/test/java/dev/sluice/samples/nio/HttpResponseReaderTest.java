package dev.sluice.samples.nio;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test clients' HTTP/1.1 framing, fed whole and cut at every byte. */
class HttpResponseReaderTest {
  private static final String CHUNKED =
      "HTTP/1.1 200 OK\r\n"
          + "Content-Type: text/event-stream\r\n"
          + "Transfer-Encoding: chunked\r\n"
          + "\r\n"
          + "d\r\ndata: hello\n\n\r\n"
          + "A;ext=1\r\ndata: 2\n\n\n\r\n"
          + "0\r\n"
          + "X-Trailer: t\r\n"
          + "\r\n"
          + "HTTP/1.1 200 OK\r\n"; // the next response's: not this one's

  @Test
  void chunkedBody_isDechunked_withExtensionsAndTrailers_whereverTheBytesAreCut() {
    for (int cut = 0; cut <= CHUNKED.length(); cut++) {
      Read read = Read.cutAt(CHUNKED, cut);
      assertEquals(List.of("200 HTTP/1.1 200 OK"), read.heads, "cut at " + cut);
      assertEquals("text/event-stream", read.headers.get("content-type"));
      assertEquals("data: hello\n\ndata: 2\n\n\n", read.body.toString(ISO_8859_1), "cut " + cut);
      assertEquals(1, read.completions, "cut at " + cut);
      assertTrue(read.reader.complete());
    }
  }

  @Test
  void contentLengthBody_endsAtItsLength() {
    String response = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\n\r\nfailmore";
    for (int cut = 0; cut <= response.length(); cut++) {
      Read read = Read.cutAt(response, cut);
      assertEquals(List.of("500 HTTP/1.1 500 Internal Server Error"), read.heads);
      assertEquals("fail", read.body.toString(ISO_8859_1), "cut at " + cut);
      assertEquals(1, read.completions);
    }
  }

  @Test
  void emptyContentLength_isCompleteWithItsHead() {
    Read read = Read.cutAt("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n", 0);
    assertEquals(List.of("204 HTTP/1.1 204 No Content"), read.heads);
    assertEquals(1, read.completions);
  }

  @Test
  void bodyWithoutLengthOrChunks_runsUntilTheConnectionCloses() {
    Read read = Read.cutAt("HTTP/1.1 200 OK\r\n\r\ndata: a\n\ndata: b", 25);
    assertEquals("data: a\n\ndata: b", read.body.toString(ISO_8859_1));
    assertEquals(0, read.completions);
    assertFalse(read.reader.complete());
  }

  /** What a reader reported. */
  private static final class Read implements HttpResponseReader.Listener {
    final HttpResponseReader reader = new HttpResponseReader(this);
    final List<String> heads = new ArrayList<>();
    Map<String, String> headers;
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    int completions;

    /** Feeds {@code response} in two reads, cut at {@code cut}. */
    static Read cutAt(String response, int cut) {
      Read read = new Read();
      byte[] bytes = response.getBytes(ISO_8859_1);
      read.reader.read(ByteBuffer.wrap(bytes, 0, cut));
      read.reader.read(ByteBuffer.wrap(bytes, cut, bytes.length - cut).slice());
      return read;
    }

    @Override
    public void head(String statusLine, int status, Map<String, String> headers) {
      heads.add(status + " " + statusLine);
      this.headers = headers;
    }

    @Override
    public void body(byte[] bytes, int offset, int length) {
      body.write(bytes, offset, length);
    }

    @Override
    public void complete() {
      completions++;
    }
  }
}
