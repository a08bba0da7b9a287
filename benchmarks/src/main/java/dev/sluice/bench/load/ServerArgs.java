package dev.sluice.bench.load;

import java.util.Arrays;

/** The arguments the server programs take: {@code --port N} and {@code --http2}. */
final class ServerArgs {
  private ServerArgs() {}

  /** {@code --port N}; 0 (pick a free port) without it. */
  static int port(String[] args) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--port")) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return 0;
  }

  /**
   * {@code --http2}: serve HTTP/2 too (h2c by prior knowledge). Off without it, since the HTTP/1.1
   * scenarios compare the two servers on HTTP/1.1 alone.
   */
  static boolean http2(String[] args) {
    return Arrays.asList(args).contains("--http2");
  }
}
