package dev.workstation.reconcile;

import dev.workstation.claudeauth.ClaudeAuthMetrics;
import dev.workstation.host.Capacity;
import dev.workstation.host.Nss;
import dev.workstation.host.SliceMemory;
import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.metrics.TextfileMetrics;
import dev.workstation.roster.Tier;
import dev.workstation.site.SiteConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records how a reconcile ended — every run, the failed ones too — in the state dir ({@link
 * RunHistory}) and, when {@code metrics:} is configured, in the Prometheus textfile. An alert on
 * "no success in 2 h" can only fire if a failed run still writes the file.
 */
public final class RunRecorder {
  private final SiteConfig site;
  private final long now;

  public RunRecorder(SiteConfig site, long nowEpochSeconds) {
    this.site = site;
    this.now = nowEpochSeconds;
  }

  /** A reconcile that planned (and applied): its result and the exit code it returns. */
  public List<String> finished(Reconciler.Result r, int exit) {
    return finished(RunHistory.RECONCILE, r, exit);
  }

  /**
   * {@code command}'s run that planned and applied (a reconcile; onboard, offboard, park and unpark
   * apply through the same engine): recorded like a reconcile, so status and the metrics move.
   */
  public List<String> finished(String command, Reconciler.Result r, int exit) {
    RunHistory h = RunHistory.after(RunHistory.read(site.stateDir()), command, r, exit, now);
    List<Tier> active = Overcommit.activeTiers(r.desired().accounts().values());
    TextfileMetrics m = RunMetrics.of(r, now, capacity(Optional.of(active)), memory(r));
    return save(h, Optional.of(ClaudeAuthMetrics.add(m, ClaudeAuthReadings.of(site, r))));
  }

  /** The slice of each roster user with an account (after the run), as its cgroup says now. */
  private static Map<String, SliceMemory> memory(Reconciler.Result r) {
    Map<String, SliceMemory> out = new LinkedHashMap<>();
    for (String user : r.desired().accounts().keySet()) {
      Nss.user(user).ifPresent(pw -> out.put(user, SliceMemory.read(pw.uid())));
    }
    return out;
  }

  /** {@code offboard USER --destroy}: no plan, one user gone (their record with them). */
  public List<String> destroyed(String user, int exit) {
    RunHistory h =
        RunHistory.without(
            RunHistory.read(site.stateDir()), "offboard " + user + " --destroy", user, exit, now);
    // no plan: the metrics of the last run's plan (actions, untrusted changes) are not known
    return save(h, Optional.empty());
  }

  /** A reconcile that stopped before it could plan: an invalid roster, a fetch that failed, … */
  public List<String> stopped(String problem, int exit) {
    return stopped(RunHistory.RECONCILE, problem, exit);
  }

  /** {@code command}'s run that stopped half-way (a destroy whose archive failed, …). */
  public List<String> stopped(String command, String problem, int exit) {
    RunHistory h =
        RunHistory.stopped(RunHistory.read(site.stateDir()), command, problem, exit, now);
    return save(h, Optional.empty());
  }

  /** One line for the problem of an invalid input: the first problem, and how many more. */
  public static String problem(InvalidInputException e) {
    List<Problem> ps = e.problems();
    if (ps.isEmpty()) {
      return "invalid input";
    }
    return "invalid input: "
        + ps.get(0).render()
        + (ps.size() > 1 ? " (and " + (ps.size() - 1) + " more)" : "");
  }

  /** Saves the history and the metrics; returns warnings (never fails the run it records). */
  private List<String> save(RunHistory h, Optional<TextfileMetrics> planned) {
    List<String> warnings = new java.util.ArrayList<>();
    try {
      h.write(site.stateDir());
    } catch (Exception e) {
      warnings.add("run history not written to " + site.stateDir() + ": " + e.getMessage());
    }
    if (site.metrics().isEmpty()) {
      return warnings;
    }
    try {
      int awaiting = CutRecords.awaitingDestroy(site.stateDir()).size();
      var m =
          planned.isPresent()
              ? RunMetrics.outcome(planned.get(), h, awaiting)
              : RunMetrics.stopped(h, now, capacity(Optional.empty()), awaiting);
      m.writeTo(site.metrics().get().textfileDir());
    } catch (Exception e) {
      warnings.add(
          "metrics not written to " + site.metrics().get().textfileDir() + ": " + e.getMessage());
    }
    return warnings;
  }

  /** The capacity figures; active users unknown (empty) when the run never read a roster. */
  private Map<String, Double> capacity(Optional<List<Tier>> active) {
    Map<String, Double> m = new LinkedHashMap<>();
    try {
      Capacity c = Capacity.measure(site.homeRoot());
      m.put("memory_bytes", (double) c.memTotal());
      m.put("swap_bytes", (double) c.swapTotal());
      m.put("free_disk_bytes", (double) c.freeDisk());
      if (active.isPresent() && (site.capacity().isPresent() || site.containment().isPresent())) {
        // what status calls "over capacity", counted, so an alert needs no thresholds
        m.put("violations", (double) Overcommit.violations(site, c, active.get()).size());
      }
    } catch (java.io.IOException | RuntimeException e) {
      // no figures this time: the run's own outcome still gets written
    }
    active.ifPresent(a -> m.put("active_users", (double) a.size()));
    return m;
  }
}
