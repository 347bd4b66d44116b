package dev.workstation.cli;

import dev.workstation.account.LinuxAccounts;
import dev.workstation.host.ProcessRunner;
import dev.workstation.host.RunLock;
import dev.workstation.reconcile.Reconciler;
import dev.workstation.site.SiteConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code workstation reconcile}: converge the host to the committed roster. */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description = {
      "Make the host match the committed roster: every user in isolation, one log line per action,",
      "a summary at the end. The systemd timer runs this hourly."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:some action failed (the rest were applied), or a roster change is untrusted or held back",
      "3:invalid roster or config (nothing done)",
      "4:another reconcile holds the lock"
    })
final class ReconcileCommand extends Subcommand implements Callable<Integer> {

  @Option(names = "--user", paramLabel = "U", description = "Only this user.")
  String user;

  @Option(
      names = "--roster",
      paramLabel = "FILE",
      description = "Use this roster file instead of the committed one.")
  Path roster;

  @Option(
      names = "--allow-cuts",
      paramLabel = "N",
      description =
          "Apply a roster that cuts up to N users, or leaves no users or no admin (the blast-radius"
              + " guard, roster.max_cuts, holds it back otherwise).")
  Integer allowCuts;

  @Option(names = "--dry-run", description = "Plan and print, change nothing (like plan).")
  boolean dryRun;

  @Option(
      names = "--no-freshen",
      description = "Skip the hourly freshen of every clone after converging.")
  boolean noFreshen;

  @Option(names = "--lock-file", hidden = true, defaultValue = "/run/workstation/reconcile.lock")
  Path lockFile;

  /**
   * The Prometheus textfile, when metrics: is configured. A failure to write it is a warning, never
   * a failed run.
   */
  private void writeMetrics(SiteConfig site, Reconciler.Result r) {
    if (site.metrics().isEmpty()) {
      return;
    }
    try {
      java.util.Map<String, Double> capacity = new java.util.LinkedHashMap<>();
      var c = dev.workstation.host.Capacity.measure(site.homeRoot());
      capacity.put("memory_bytes", (double) c.memTotal());
      capacity.put("swap_bytes", (double) c.swapTotal());
      capacity.put("free_disk_bytes", (double) c.freeDisk());
      capacity.put("active_users", (double) r.accounts().stream().filter(a -> !a.parked()).count());
      dev.workstation.reconcile.RunMetrics.of(r, java.time.Instant.now().getEpochSecond(), capacity)
          .writeTo(site.metrics().get().textfileDir());
    } catch (Exception e) {
      err()
          .println(
              "warning: metrics not written to "
                  + site.metrics().get().textfileDir()
                  + ": "
                  + e.getMessage());
    }
  }

  @Override
  public Integer call() throws Exception {
    SiteConfig site = root().siteConfigOrDefaults(true);
    Reconciler reconciler =
        new Reconciler(site, root().config, new LinuxAccounts(new ProcessRunner()));
    Reconciler.Options options =
        new Reconciler.Options(
            Optional.ofNullable(roster),
            Optional.ofNullable(user),
            !dryRun,
            !dryRun && !noFreshen,
            allowCuts == null
                ? java.util.OptionalInt.empty()
                : java.util.OptionalInt.of(allowCuts));
    if (allowCuts != null && allowCuts < 0) {
      throw new WorkstationException("--allow-cuts must be 0 or more", ExitCodes.INVALID);
    }
    if (dryRun) {
      Reconciler.Result r = reconciler.run(options, rep -> {});
      if (json()) {
        RunOutput.printJson(jsonOut(), r);
      } else {
        RunOutput.printPlan(out(), r);
      }
      return ExitCodes.OK;
    }
    // structured action lines go to stdout, or to stderr when stdout carries JSON
    PrintWriter log = json() ? err() : out();
    if (!dev.workstation.host.Nss.isRoot()) {
      throw new WorkstationException(
          "reconcile changes accounts and homes and must run as root (try: sudo workstation reconcile)",
          ExitCodes.FAILED);
    }
    try (RunLock lock = RunLock.acquire(lockFile)) {
      Reconciler.Result r =
          reconciler.run(
              options,
              rep -> {
                log.println(rep.logLine());
                log.flush();
              });
      r.freshened().forEach(f -> log.println(f.logLine()));
      writeMetrics(site, r);
      if (json()) {
        RunOutput.printJson(jsonOut(), r);
        err().println(RunOutput.summary(r));
      } else {
        RunOutput.printRun(out(), r);
      }
      return r.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    } catch (RunLock.HeldException e) {
      throw new WorkstationException(e.getMessage(), ExitCodes.LOCKED);
    }
  }
}
