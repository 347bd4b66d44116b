package dev.workstation.claudesync;

import dev.workstation.claudeauth.Outcome;

/** How a run ended, and the one line that says what happened (never a token). */
record Ended(Outcome outcome, String message) {

  /** Thrown by a step that ends the run early. */
  static final class Stop extends Exception {
    final Ended ended;

    Stop(Outcome outcome, String message) {
      super(message, null, false, false);
      this.ended = new Ended(outcome, message);
    }
  }
}
