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
    exitCodeList = {"0:ok", "1:some action failed (the rest were applied)", "3:invalid roster or config (nothing done)",
      "4:another reconcile holds the lock"})
final class ReconcileCommand extends Subcommand implements Callable<Integer> {

  @Option(names = "--user", paramLabel = "U", description = "Only this user.")
  String user;

  @Option(names = "--roster", paramLabel = "FILE", description = "Use this roster file instead of the committed one.")
  Path roster;

  @Option(names = "--dry-run", description = "Plan and print, change nothing (like plan).")
  boolean dryRun;

  @Option(names = "--no-freshen", description = "Skip the hourly freshen of every clone after converging.")
  boolean noFreshen;

  @Option(names = "--lock-file", hidden = true, defaultValue = "/run/workstation/reconcile.lock")
  Path lockFile;

  @Override
  public Integer call() throws Exception {
    SiteConfig site = root().siteConfigOrDefaults(true);
    Reconciler reconciler = new Reconciler(site, root().config, new LinuxAccounts(new ProcessRunner()));
    Reconciler.Options options = new Reconciler.Options(Optional.ofNullable(roster), Optional.ofNullable(user), !dryRun, !dryRun && !noFreshen);
    if (dryRun) {
      Reconciler.Result r = reconciler.run(options, rep -> {});
      if (json()) {
        RunOutput.printJson(out(), r);
      } else {
        RunOutput.printPlan(out(), r);
      }
      return ExitCodes.OK;
    }
    // structured action lines go to stdout, or to stderr when stdout carries JSON
    PrintWriter log = json() ? err() : out();
    if (!dev.workstation.host.Nss.isRoot()) {
      throw new WorkstationException(
          "reconcile changes accounts and homes and must run as root (try: sudo workstation reconcile)", ExitCodes.FAILED);
    }
    try (RunLock lock = RunLock.acquire(lockFile)) {
      Reconciler.Result r = reconciler.run(options, rep -> {
        log.println(rep.logLine());
        log.flush();
      });
      r.freshened().forEach(f -> log.println(f.logLine()));
      if (json()) {
        RunOutput.printJson(out(), r);
        err().println(RunOutput.summary(r));
      } else {
        RunOutput.printRun(out(), r);
      }
      return r.failed() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    } catch (RunLock.HeldException e) {
      throw new WorkstationException(e.getMessage(), ExitCodes.LOCKED);
    }
  }
}
