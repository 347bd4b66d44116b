package dev.workstation.reconcile;

import dev.workstation.plan.Action;
import dev.workstation.plan.CloneRepo;
import dev.workstation.plan.DisableUnit;
import dev.workstation.plan.EnableUnit;
import dev.workstation.plan.HoistRepo;
import dev.workstation.util.Inert;

/** One applied (or skipped, or failed) action and how long it took. */
public record ActionReport(Action action, Outcome outcome, long millis) {

  /**
   * The structured log line: {@code user=… action=… [path=…|unit=…|repo=…] result=… ms=…} — what
   * the action was about when one user (or the machine, {@code user=-}) has several of its kind.
   */
  public String logLine() {
    StringBuilder b =
        new StringBuilder("user=")
            .append(Inert.value(action.owner().label()))
            .append(" action=")
            .append(Inert.value(action.kind()));
    String target = action.key().target();
    if (!target.isEmpty()) {
      b.append(' ').append(targetField(action)).append('=').append(Inert.value(target));
    }
    b.append(" result=").append(outcome.result()).append(" ms=").append(millis);
    if (outcome instanceof Outcome.Failed f) {
      b.append(" error=").append(quote(f.error()));
    } else if (outcome instanceof Outcome.Skipped s) {
      b.append(" reason=").append(quote(s.reason()));
    } else if (outcome instanceof Outcome.Deferred d) {
      b.append(" reason=").append(quote(d.reason()));
    }
    return b.toString();
  }

  /** The name of the field that holds {@code a}'s target. */
  static String targetField(Action a) {
    if (a instanceof EnableUnit || a instanceof DisableUnit) {
      return "unit";
    }
    if (a instanceof CloneRepo || a instanceof HoistRepo) {
      return "repo";
    }
    return "path"; // a root file's (write-file), a clone's under ~ (wire-remote)
  }

  /** Always quoted (an error or a reason is prose), escaped by the one escaping function. */
  static String quote(String s) {
    String v = Inert.value(s);
    return v.startsWith("\"") ? v : "\"" + v + "\"";
  }
}
