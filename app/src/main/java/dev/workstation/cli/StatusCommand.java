package dev.workstation.cli;

import dev.workstation.claudeauth.ClaudeAuthResult;
import dev.workstation.claudeauth.ResultReading;
import dev.workstation.git.CloneStatus;
import dev.workstation.host.SliceMemory;
import dev.workstation.reconcile.CutRecords;
import dev.workstation.reconcile.RunHistory;
import dev.workstation.site.SiteConfig;
import dev.workstation.status.StatusReport;
import dev.workstation.status.StatusService;
import dev.workstation.util.Json;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code workstation status}: users × facets at a glance; exit 1 when something is unhealthy. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "The current problem (an invalid roster, an untrusted change, a failed fetch) and the last run;",
      "per user: account, layout, memory now / cap (their slice's), each clone (fresh / behind n /",
      "dirty / diverged, last fetch), pending changes (links, kubeconfig, units …), warnings and the",
      "Claude login's last check; who awaits offboard --destroy; then capacity.",
      "When the committed roster cannot be used, the last applied one is shown. Exit 1 when unhealthy."
    })
final class StatusCommand extends Subcommand implements Callable<Integer> {
  static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  @Mixin UserScope scope;

  @Override
  public Integer call() throws Exception {
    SiteConfig site = root().siteConfigOrDefaults(true);
    StatusReport report =
        new StatusService(site, root().config, root().ports()).report(scope.user());
    if (json()) {
      Map<String, Object> out = report.toJson();
      report.source().ifPresent(src -> out.put("source", RunOutput.source(src)));
      jsonOut().print(Json.write(out));
    } else {
      print(out(), report);
    }
    return report.healthy() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  static void print(PrintWriter out, StatusReport r) {
    out.println("roster: " + r.roster() + "   (" + LocalDate.now() + ")");
    r.problems().forEach(p -> out.println("problem: " + p));
    r.warnings().forEach(w -> out.println("warning: " + w));
    r.lastRun().ifPresent(h -> out.println("last run: " + lastRun(h)));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"USER", "TIER", "ACCOUNT", "LAYOUT", "PENDING", "MEMORY", "CLONES"});
    for (StatusReport.UserStatus u : r.users()) {
      rows.add(
          new String[] {
            u.user(),
            u.tier() + (u.parked() ? " (parked)" : ""),
            u.account().word(),
            u.layout(),
            Integer.toString(u.pending().size()),
            memory(u.memory()),
            clones(u.clones())
          });
    }
    int[] width = new int[rows.get(0).length - 1];
    for (String[] row : rows) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (int i = 0; i < rows.size(); i++) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < width.length; c++) {
        line.append(String.format("%-" + width[c] + "s  ", rows.get(i)[c]));
      }
      out.println(line.append(rows.get(i)[width.length]));
      if (i > 0) {
        StatusReport.UserStatus u = r.users().get(i - 1);
        u.pending().forEach(p -> out.println("    pending: " + p));
        u.notes().forEach(n -> out.println("    note: " + n));
        u.lastRun().forEach(n -> out.println("    last run: " + n));
        u.claudeAuth().ifPresent(c -> out.println("    claude login: " + claude(c)));
      }
    }
    for (CutRecords.AwaitingDestroy a : r.awaitingDestroy()) {
      out.println(
          "awaiting destroy: "
              + a.user()
              + " (cut "
              + a.since()
              + "): workstation offboard "
              + a.user()
              + " --destroy --yes");
    }
    StatusReport.CapacityStatus c = r.capacity();
    out.printf(
        "capacity: %d active users; memory %.1f GiB, swap %.1f GiB, free disk %.1f GiB%n",
        c.activeUsers(), gib(c.memoryBytes()), gib(c.swapBytes()), gib(c.freeDiskBytes()));
    c.violations().forEach(v -> out.println("  over capacity: " + v));
  }

  static String lastRun(RunHistory h) {
    StringBuilder b =
        new StringBuilder(WHEN.format(Instant.ofEpochSecond(h.finished())))
            .append(' ')
            .append(h.command())
            .append(h.success() ? " ok" : " failed (exit " + h.exit() + ")");
    h.problem().ifPresent(p -> b.append(": ").append(p));
    if (!h.failedUsers().isEmpty()) {
      b.append("; failed for ").append(String.join(", ", h.failedUsers()));
    }
    if (!h.success()) {
      b.append(
          h.lastSuccess() > 0
              ? "; last success " + WHEN.format(Instant.ofEpochSecond(h.lastSuccess()))
              : "; no run has succeeded yet");
    }
    return b.toString();
  }

  /**
   * A slice's memory in a cell: {@code 1.2/24.0 GiB}, with the OOM kills when there were any;
   * {@code -} when the user runs nothing, {@code ?} where the cgroup cannot be read.
   */
  static String memory(SliceMemory m) {
    if (m.state() == SliceMemory.State.NO_SLICE) {
      return "-";
    }
    if (m.bytes().isEmpty() || m.max().isEmpty()) {
      return "?";
    }
    long max = m.max().getAsLong();
    String cell =
        String.format(java.util.Locale.ROOT, "%.1f/", gib(m.bytes().getAsLong()))
            + (max == SliceMemory.NO_LIMIT
                ? "no cap"
                : String.format(java.util.Locale.ROOT, "%.1f GiB", gib(max)));
    long kills = m.oomKills().orElse(0);
    return kills > 0 ? cell + " (" + kills + " OOM kill" + (kills > 1 ? "s)" : ")") : cell;
  }

  /** What a user's Claude-login job last recorded (its words are the user's: out() escapes). */
  static String claude(ResultReading r) {
    if (r instanceof ResultReading.Found f) {
      ClaudeAuthResult c = f.result();
      return c.outcome().word()
          + " at "
          + WHEN.format(c.finished())
          + ": "
          + c.message()
          + (c.ok()
              ? ""
              : c.lastSuccess()
                  .map(t -> "; last worked " + WHEN.format(t))
                  .orElse("; never worked"));
    }
    if (r instanceof ResultReading.Refused x) {
      return "the job's result is not one (" + x.why() + ")";
    }
    return "no result yet (its timer has not run)";
  }

  private static String clones(Map<String, CloneStatus> clones) {
    StringBuilder b = new StringBuilder();
    clones.forEach(
        (repo, c) ->
            b.append(b.length() > 0 ? "  " : "").append(repo).append(": ").append(c.state()));
    return b.length() == 0 ? "-" : b.toString();
  }

  private static double gib(long bytes) {
    return (double) bytes / (1L << 30);
  }
}
