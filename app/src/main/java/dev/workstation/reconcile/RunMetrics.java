package dev.workstation.reconcile;

import dev.workstation.host.SliceMemory;
import dev.workstation.metrics.TextfileMetrics;
import dev.workstation.plan.CutUser;
import dev.workstation.plan.Note;
import java.util.HashMap;
import java.util.Map;

/**
 * What a reconcile run exports: when, how long, which roster, actions by kind and result, freshen,
 * cuts, refusals.
 */
public final class RunMetrics {
  private RunMetrics() {}

  public static TextfileMetrics of(
      Reconciler.Result r, long nowEpochSeconds, Map<String, Double> capacity) {
    return of(r, nowEpochSeconds, capacity, Map.of());
  }

  /** {@link #of}, with each roster user's slice as the kernel counted it ({@code memory}). */
  public static TextfileMetrics of(
      Reconciler.Result r,
      long nowEpochSeconds,
      Map<String, Double> capacity,
      Map<String, SliceMemory> memory) {
    TextfileMetrics m = finished(nowEpochSeconds);
    m.gauge(
        "last_run_duration_seconds",
        "Wall time of the last reconcile.",
        Map.of(),
        r.millis() / 1000.0);
    m.gauge(
        "roster_info",
        "The roster the last run applied (value is always 1).",
        Map.of("origin", r.rosterOrigin()),
        1);
    outcomes(m, r);
    source(m, r);
    pending(m, r);
    capacity(m, capacity);
    memory(m, memory);
    return m;
  }

  /**
   * Each user's slice (SPEC §6.11): memory now, its cap, the OOM killer's kills — only the figures
   * the cgroup gave (a user who runs nothing has no slice, so no series; no cap, no cap series).
   */
  static void memory(TextfileMetrics m, Map<String, SliceMemory> memory) {
    Map<String, SliceMemory> sorted = new java.util.TreeMap<>(memory);
    sorted.forEach(
        (u, s) ->
            s.bytes()
                .ifPresent(
                    b ->
                        m.gauge(
                            "user_memory_bytes",
                            "Memory the user's slice held as the last run ended (its cgroup's count).",
                            Map.of("user", u),
                            b)));
    sorted.forEach(
        (u, s) ->
            s.max().stream()
                .filter(x -> x != SliceMemory.NO_LIMIT)
                .forEach(
                    x ->
                        m.gauge(
                            "user_memory_max_bytes",
                            "The memory cap in force on the user's slice (MemoryMax).",
                            Map.of("user", u),
                            x)));
    sorted.forEach(
        (u, s) ->
            s.oomKills()
                .ifPresent(
                    k ->
                        m.counter(
                            "user_oom_kills_total",
                            "Processes of the user's slice the kernel's OOM killer took since the"
                                + " slice started.",
                            Map.of("user", u),
                            k)));
  }

  /** The actions by kind and result, the clones by freshen outcome. */
  private static void outcomes(TextfileMetrics m, Reconciler.Result r) {
    Map<String, Integer> byKind = new HashMap<>();
    r.reports()
        .forEach(
            rep ->
                byKind.merge(
                    rep.action().kind() + "\u0000" + rep.outcome().result(), 1, Integer::sum));
    byKind.forEach(
        (k, n) -> {
          String[] kr = k.split("\u0000");
          m.gauge(
              "actions",
              "Actions of the last run by kind and result.",
              Map.of("kind", kr[0], "result", kr[1]),
              n);
        });
    Map<String, Integer> fresh = new HashMap<>();
    r.freshened().forEach(f -> fresh.merge(f.outcome().kind(), 1, Integer::sum));
    fresh.forEach(
        (o, n) ->
            m.gauge(
                "freshen_outcomes",
                "Clones by freshen outcome in the last run.",
                Map.of("outcome", o),
                n));
  }

  /** What of the roster source and the other inputs the run could not act on. */
  private static void source(TextfileMetrics m, Reconciler.Result r) {
    m.gauge(
        "roster_untrusted_changes",
        "Changes to the roster source no allowed signer vouched for (not applied).",
        Map.of(),
        r.source().untrusted().size());
    m.gauge(
        "roster_held",
        "1 when the roster was held back (blast radius, rewritten history) and the last applied"
            + " one stayed in force.",
        Map.of(),
        r.source().held().isPresent() ? 1 : 0);
    for (Note.KeptBack input : Note.KeptBack.values()) {
      m.gauge(
          "kept_back",
          "1 when the last run could not act on this input and kept the host as it was"
              + " (managed_settings: refused, installed copy in force; tier_validation: Vault"
              + " unreadable, tiers unchecked; claude_auth: Vault unreachable, the users' tokens"
              + " unchecked); the run failed.",
          Map.of("input", input.label()),
          r.keptBack().stream().anyMatch(n -> n.keptBack().get() == input) ? 1 : 0);
    }
  }

  /** Cuts planned and not applied, and the warnings (deferred actions included). */
  private static void pending(TextfileMetrics m, Reconciler.Result r) {
    long cuts =
        r.plan().actions().stream().filter(a -> a instanceof CutUser).count()
            - r.reports().stream()
                .filter(
                    x -> x.action() instanceof CutUser && x.outcome() instanceof Outcome.Applied)
                .count();
    m.gauge(
        "cuts_pending", "Offboarding cuts planned but not applied.", Map.of(), Math.max(0, cuts));
    m.gauge(
        "warnings",
        "Warnings of the last run (deferred actions included).",
        Map.of(),
        r.notes().stream().filter(n -> n.level() == Note.Level.WARNING).count()
            + r.reports().stream().filter(x -> x.outcome() instanceof Outcome.Deferred).count());
  }

  /** A new file that says when the run finished: the one line every run writes first. */
  private static TextfileMetrics finished(long nowEpochSeconds) {
    return new TextfileMetrics()
        .gauge(
            "last_run_timestamp_seconds",
            "Unix time the last reconcile finished.",
            Map.of(),
            nowEpochSeconds);
  }

  private static void capacity(TextfileMetrics m, Map<String, Double> capacity) {
    capacity.forEach((k, v) -> m.gauge("capacity_" + k, "Capacity figure " + k + ".", Map.of(), v));
  }

  /**
   * What every run exports, the failed ones included: how it ended, when one last succeeded, who
   * failed and for how many runs in a row, and who waits for {@code offboard --destroy}.
   */
  public static TextfileMetrics outcome(TextfileMetrics m, RunHistory h, int awaitingDestroy) {
    m.gauge(
        "last_run_success",
        "1 when the last reconcile exited 0, else 0.",
        Map.of(),
        h.success() ? 1 : 0);
    m.gauge("last_run_exit_code", "Exit code of the last reconcile.", Map.of(), h.exit());
    if (h.lastSuccess() > 0) {
      m.gauge(
          "last_success_timestamp_seconds",
          "Unix time the last reconcile that exited 0 finished.",
          Map.of(),
          h.lastSuccess());
    }
    m.gauge(
        "failed_users",
        "Users whose work failed in the last run.",
        Map.of(),
        h.failedUsers().size());
    h.users()
        .forEach(
            (u, rec) ->
                m.gauge(
                    "user_failed_runs",
                    "Runs in a row in which this user's work failed (0: the last one succeeded).",
                    Map.of("user", u),
                    rec.failedRuns()));
    m.gauge(
        "deferred_actions",
        "Actions of the last run that could not be done yet (no access, not found); retried.",
        Map.of(),
        h.users().values().stream().mapToInt(rec -> rec.deferred().size()).sum());
    m.gauge(
        "users_awaiting_destroy",
        "Users cut (offboarded) whose account and home still wait for offboard --destroy.",
        Map.of(),
        awaitingDestroy);
    return m;
  }

  /** A run that stopped before it planned: its outcome and the capacity figures, nothing else. */
  public static TextfileMetrics stopped(
      RunHistory h, long nowEpochSeconds, Map<String, Double> capacity, int awaitingDestroy) {
    TextfileMetrics m = finished(nowEpochSeconds);
    capacity(m, capacity);
    return outcome(m, h, awaitingDestroy);
  }
}
