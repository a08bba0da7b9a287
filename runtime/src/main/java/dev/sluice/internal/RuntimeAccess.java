package dev.sluice.internal;

import dev.sluice.SseEvent;
import dev.sluice.encode.Utf8Buffer;
import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;

/**
 * What the exported {@link SseEvent} and {@link Utf8Buffer} keep for the runtime and do not show
 * their users, reached from the runtime's other packages. Each class hands its part over from its
 * static initializer, as an object calling its package-private members, as the JDK's {@code
 * SharedSecrets} and Lucene's {@code TestSecrets} do; this package is not exported, so on the
 * module path nothing outside the runtime can reach them.
 *
 * <p>Read each part once, into a {@code static final} field: the JIT then treats it as a constant
 * and inlines the call, which costs what a field read costs.
 */
public final class RuntimeAccess {
  /** What the runtime reads of an event. */
  public interface Events {
    /**
     * Where an event that an {@code SseBroadcaster} sends to many streams keeps its encoded bytes;
     * null for events built by hand.
     */
    SharedEncoding sharedEncoding(SseEvent<?> event);
  }

  /** What the runtime keeps in a buffer. */
  public interface Buffers {
    /**
     * Bytes {@code [0, size())} as a buffer to write to a channel from, valid until the next
     * append: the same object each time while the array is the same, so that a pooled buffer costs
     * no allocation per write.
     */
    ByteBuffer contents(Utf8Buffer buffer);

    /** The JSON generator writing into the buffer, kept for its next value; null for none. */
    ReusedGenerator json(Utf8Buffer buffer);

    /** Keeps {@code generator} for the buffer's next JSON value; null drops the one it had. */
    void json(Utf8Buffer buffer, ReusedGenerator generator);
  }

  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  private static volatile Events events;
  private static volatile Buffers buffers;

  private RuntimeAccess() {}

  /** Called once, by {@code SseEvent}'s static initializer. */
  public static void install(Events access) {
    if (events != null) {
      throw new IllegalStateException("SseEvent access is installed already");
    }
    events = access;
  }

  /** Called once, by {@code Utf8Buffer}'s static initializer. */
  public static void install(Buffers access) {
    if (buffers != null) {
      throw new IllegalStateException("Utf8Buffer access is installed already");
    }
    buffers = access;
  }

  /** {@link SseEvent}'s part, after initializing the class if nothing has yet. */
  public static Events events() {
    initialize(SseEvent.class);
    return events;
  }

  /** {@link Utf8Buffer}'s part, after initializing the class if nothing has yet. */
  public static Buffers buffers() {
    initialize(Utf8Buffer.class);
    return buffers;
  }

  private static void initialize(Class<?> type) {
    try {
      LOOKUP.ensureInitialized(type);
    } catch (IllegalAccessException e) {
      throw new AssertionError(type + " is public in this module", e);
    }
  }
}
