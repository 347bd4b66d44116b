package dev.workstation.reconcile;

import dev.workstation.plan.Action;
import dev.workstation.util.Inert;

/** One applied (or skipped, or failed) action and how long it took. */
public record ActionReport(Action action, Outcome outcome, long millis) {

  /** The structured log line: {@code user=… action=… result=… ms=…}. */
  public String logLine() {
    StringBuilder b =
        new StringBuilder("user=")
            .append(Inert.value(action.owner().label()))
            .append(" action=")
            .append(Inert.value(action.kind()))
            .append(" result=")
            .append(outcome.result())
            .append(" ms=")
            .append(millis);
    if (outcome instanceof Outcome.Failed f) {
      b.append(" error=").append(quote(f.error()));
    } else if (outcome instanceof Outcome.Skipped s) {
      b.append(" reason=").append(quote(s.reason()));
    } else if (outcome instanceof Outcome.Deferred d) {
      b.append(" reason=").append(quote(d.reason()));
    }
    return b.toString();
  }

  /** Always quoted (an error or a reason is prose), escaped by the one escaping function. */
  static String quote(String s) {
    String v = Inert.value(s);
    return v.startsWith("\"") ? v : "\"" + v + "\"";
  }
}
