package dev.workstation.cli;

import dev.workstation.host.RunLock;
import dev.workstation.input.InvalidInputException;
import dev.workstation.reconcile.Progress;
import dev.workstation.reconcile.Reconciler;
import dev.workstation.reconcile.RunFailedException;
import dev.workstation.reconcile.RunRecorder;
import dev.workstation.site.SiteConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
      "0:ok (--dry-run: nothing to do)",
      "1:some action failed (the rest were applied), or a roster change is untrusted or held back",
      "2:--dry-run: changes pending",
      "3:invalid roster or config (nothing done)",
      "4:another reconcile holds the lock"
    })
final class ReconcileCommand extends Subcommand implements Callable<Integer> {

  @Mixin RunScope scope;

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
      names = "--diff",
      description = "With --dry-run: the unified diff of each file write (secrets <redacted>).")
  boolean diff;

  @Option(
      names = "--no-freshen",
      description = "Skip the hourly freshen of every clone after converging.")
  boolean noFreshen;

  @Option(names = "--lock-file", hidden = true, defaultValue = "/run/workstation/reconcile.lock")
  Path lockFile;

  /** Recording a run never fails it: what could not be written is a warning. */
  private void warn(java.util.List<String> warnings) {
    warnings.forEach(w -> err().println("warning: " + w));
  }

  @Override
  public Integer call() throws Exception {
    SiteConfig site = root().siteConfigOrDefaults(true);
    Reconciler reconciler = new Reconciler(site, root().config, root().ports());
    if (allowCuts != null && allowCuts < 0) {
      throw new WorkstationException("--allow-cuts must be 0 or more", ExitCodes.INVALID);
    }
    Reconciler.Options options =
        new Reconciler.Options(
            scope.roster(),
            scope.user(),
            !dryRun,
            !dryRun && !noFreshen,
            allowCuts == null
                ? java.util.OptionalInt.empty()
                : java.util.OptionalInt.of(allowCuts));
    if (dryRun) {
      Reconciler.Result r = reconciler.run(options, rep -> {});
      return RunOutput.plan(this, r, diff ? RunOutput.diff(r) : RunOutput.Detail.NONE);
    }
    if (diff) {
      throw new WorkstationException(
          "--diff goes with --dry-run (or use plan --diff)", ExitCodes.INVALID);
    }
    if (!dev.workstation.host.Nss.isRoot()) {
      throw new WorkstationException(
          "reconcile changes accounts and homes and must run as root (try: sudo workstation reconcile)",
          ExitCodes.FAILED);
    }
    try (RunLock lock = RunLock.acquire(lockFile)) {
      return applied(reconciler, options, site);
    } catch (RunLock.HeldException e) {
      throw new WorkstationException(e.getMessage(), ExitCodes.LOCKED);
    }
  }

  /** The run, holding the lock: recorded however it ends, reported, its exit code. */
  private int applied(Reconciler reconciler, Reconciler.Options options, SiteConfig site)
      throws Exception {
    // structured action lines go to stdout, or to stderr when stdout carries JSON
    PrintWriter log = json() ? err() : out();
    RunRecorder recorder = new RunRecorder(site, java.time.Instant.now().getEpochSecond());
    Reconciler.Result r;
    try {
      Progress progress = TtyProgress.forTerminal(spec.commandLine().getErr());
      r =
          reconciler
              .progress(progress)
              .run(
                  options,
                  rep ->
                      TtyProgress.print(
                          progress,
                          () -> {
                            log.println(rep.logLine());
                            log.flush();
                          }));
    } catch (InvalidInputException e) {
      if (!e.problems().stream().allMatch(p -> p.file().equals("command line"))) {
        warn(recorder.stopped(RunRecorder.problem(e), ExitCodes.INVALID));
      }
      throw e;
    } catch (RunFailedException | java.io.IOException | java.io.UncheckedIOException e) {
      warn(recorder.stopped(e.getMessage(), ExitCodes.FAILED));
      throw e;
    }
    r.freshened().forEach(f -> log.println(f.logLine()));
    int exit = r.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    warn(recorder.finished(r, exit));
    if (json()) {
      RunOutput.printJson(jsonOut(), r);
      err().println(RunOutput.summary(r));
    } else {
      RunOutput.printRun(out(), r);
    }
    return exit;
  }
}
