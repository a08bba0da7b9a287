/**
 * The rules that Sluice's processor, runtime and client must agree on, written once: the grammar of
 * path templates, which event names and ids can be written on the wire, and how the subtypes of a
 * sealed event type are named. Exported only to Sluice's own modules (the processor reads it from
 * the class path); not for use by hand.
 */
@SuppressWarnings("module") // the modules it is exported to are built after it
module dev.sluice.wire {
  exports dev.sluice.wire to
      dev.sluice,
      dev.sluice.client;
}
