package dev.workstation.reconcile;

import dev.workstation.plan.Action;
import dev.workstation.plan.Effects;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Applies a plan and returns a report, never the first exception: one user's failure is recorded
 * and every other user goes on; an action whose dependency did not apply is skipped and says why.
 */
public final class Applier {
  private Applier() {}

  public static List<ActionReport> apply(
      List<Action> actions, Effects fx, Consumer<ActionReport> log) {
    // crash tests: WORKSTATION_FAULT=after:<kind> halts the process (like kill -9) right after the
    // first action of that kind has been applied; the next run must converge from there
    String fault =
        fx.fault() != null && fx.fault().startsWith("after:") ? fx.fault().substring(6) : null;
    List<ActionReport> reports = new ArrayList<>();
    Set<String> notApplied = new HashSet<>();
    for (Action action : actions) {
      long start = System.nanoTime();
      Outcome outcome;
      String blocker =
          action.dependsOn().stream().filter(notApplied::contains).findFirst().orElse(null);
      if (blocker != null) {
        outcome = new Outcome.Skipped("depends on " + blocker + ", which did not apply");
      } else {
        try {
          action.apply(fx);
          outcome = new Outcome.Applied();
        } catch (dev.workstation.plan.DeferredException e) {
          outcome = new Outcome.Deferred(e.getMessage());
        } catch (Exception e) {
          outcome = new Outcome.Failed(message(e));
        }
      }
      if (!(outcome instanceof Outcome.Applied)) {
        notApplied.add(action.key());
      }
      ActionReport report =
          new ActionReport(action, outcome, (System.nanoTime() - start) / 1_000_000);
      reports.add(report);
      log.accept(report);
      if (action.kind().equals(fault)) {
        Runtime.getRuntime().halt(137);
      }
    }
    return reports;
  }

  static String message(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
