package dev.workstation.cli;

import dev.workstation.host.Nss;
import dev.workstation.host.RunLock;
import dev.workstation.reconcile.Lifecycle;
import dev.workstation.reconcile.Reconciler;
import dev.workstation.reconcile.RunRecorder;
import dev.workstation.site.SiteConfig;
import java.io.PrintWriter;
import java.util.List;

/** What onboard/offboard/park share: root, the run lock, capacity refusals, the report. */
abstract class LifecycleSupport extends Subcommand {

  interface Body {
    Integer run(Lifecycle lifecycle, SiteConfig site) throws Exception;
  }

  Integer withLifecycle(Body body) throws Exception {
    if (!Nss.isRoot()) {
      throw new WorkstationException(
          spec.name()
              + " changes accounts and must run as root (try: sudo workstation "
              + spec.name()
              + " …)",
          ExitCodes.FAILED);
    }
    SiteConfig site = root().siteConfigOrDefaults(true);
    try (RunLock lock = RunLock.acquire(RunLock.DEFAULT)) {
      return body.run(new Lifecycle(site, root().config, root().ports()), site);
    } catch (RunLock.HeldException e) {
      throw new WorkstationException(e.getMessage(), ExitCodes.LOCKED);
    }
  }

  void refuseOverCapacity(List<String> violations, boolean force) {
    if (violations.isEmpty()) {
      return;
    }
    if (force) {
      violations.forEach(v -> err().println("warning: over capacity (forced): " + v));
      return;
    }
    throw new WorkstationException(
        "refused, over the capacity ceiling (--force to override): "
            + String.join("; ", violations),
        ExitCodes.FAILED);
  }

  /**
   * Records {@code command}'s run like a reconcile's ({@code last-run.json}, the metrics: status
   * and the alerts see it), then reports it; returns the exit code.
   */
  Integer report(String command, SiteConfig site, Reconciler.Result r) {
    int exit = r.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    recorder(site).finished(command, r, exit).forEach(w -> err().println("warning: " + w));
    PrintWriter log = json() ? err() : out();
    if (json()) {
      RunOutput.printJson(jsonOut(), r);
    } else {
      RunOutput.printRun(log, r);
    }
    return exit;
  }

  static RunRecorder recorder(SiteConfig site) {
    return new RunRecorder(site, java.time.Instant.now().getEpochSecond());
  }

  void logLine(dev.workstation.reconcile.ActionReport rep) {
    (json() ? err() : out()).println(rep.logLine());
  }
}
