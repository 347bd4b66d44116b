package dev.workstation.reconcile;

import dev.workstation.metrics.TextfileMetrics;
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
    TextfileMetrics m = new TextfileMetrics();
    m.gauge(
        "last_run_timestamp_seconds",
        "Unix time the last reconcile finished.",
        Map.of(),
        nowEpochSeconds);
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
    r.freshened().forEach(f -> fresh.merge(f.outcome().replaceAll("\\(.*", ""), 1, Integer::sum));
    fresh.forEach(
        (o, n) ->
            m.gauge(
                "freshen_outcomes",
                "Clones by freshen outcome in the last run.",
                Map.of("outcome", o),
                n));
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
    long cuts =
        r.plan().actions().stream().filter(a -> a.kind().equals("cut-user")).count()
            - r.reports().stream()
                .filter(
                    x ->
                        x.action().kind().equals("cut-user")
                            && x.outcome() instanceof Outcome.Applied)
                .count();
    m.gauge(
        "cuts_pending", "Offboarding cuts planned but not applied.", Map.of(), Math.max(0, cuts));
    m.gauge(
        "warnings",
        "Warnings of the last run.",
        Map.of(),
        r.notes().stream().filter(n -> n.level() == Note.Level.WARNING).count());
    capacity.forEach((k, v) -> m.gauge("capacity_" + k, "Capacity figure " + k + ".", Map.of(), v));
    return m;
  }
}
