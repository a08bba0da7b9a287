package dev.sluice.bench.load;

/** The one argument the server programs take. */
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
}
