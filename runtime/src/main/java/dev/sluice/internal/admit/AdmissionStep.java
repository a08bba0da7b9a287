package dev.sluice.internal.admit;

/**
 * One step of a request's admission: it answers the request itself (a refusal, a preflight's
 * answer) or passes it on to the next step. The last step calls the endpoint.
 */
abstract class AdmissionStep {
  private final AdmissionStep next;

  /**
   * @param next the step after this one; null for the last
   */
  AdmissionStep(AdmissionStep next) {
    this.next = next;
  }

  /** Takes the request through this step and, if it goes on, the next. */
  final void handle(EndpointRequest request) {
    if (admits(request) && next != null) {
      next.handle(request);
    }
  }

  /** Whether the request goes on to the next step now; if not, this step has answered it. */
  abstract boolean admits(EndpointRequest request);

  /** The rest of the chain, for a step that goes on later or on another thread. */
  final void pass(EndpointRequest request) {
    next.handle(request);
  }
}
