package dev.workstation.cli;

import dev.workstation.host.Nss;
import dev.workstation.host.RunLock;
import dev.workstation.membership.MembershipSync;
import dev.workstation.membership.SyncReport;
import dev.workstation.site.SiteConfig;
import dev.workstation.util.Json;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workstation membership sync [--dry-run]}: parse the options, hold the sync's lock, run
 * {@link MembershipSync}, render its report. Exit 0 in step, 1 failed or left to a person, 2
 * changes pending (dry run), 3 invalid input.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Read the membership: group from the identity provider and commit roster rows: a floor row for",
      "each member without one, a dated comment-out for each row whose member left (an admin's never),",
      "one signed commit, pushed; each change posted to announce_url. Refuses (exit 1, nothing changed)",
      "an unreachable IdP, anything but exactly one group, and an empty group. Name conflicts are",
      "reported and exit 1 after the unambiguous changes land. The box applies the commit on its next",
      "reconcile. Runs from the workstation-membership.timer, or the same command from CI."
    })
final class MembershipSyncCommand extends Subcommand implements Callable<Integer> {
  @Option(
      names = "--dry-run",
      description =
          "Print what would change (the roster's diff) and commit nothing: exit 2 when"
              + " changes are pending.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    SiteConfig site = root().siteConfigOrDefaults(true);
    if (site.membership().isEmpty()) {
      out().println("no membership: section in " + root().config + "; nothing to sync");
      return ExitCodes.OK;
    }
    try (RunLock lock = RunLock.acquire(MembershipSync.stateDir(site).resolve("sync.lock"))) {
      SyncReport r =
          new MembershipSync(
                  site,
                  MembershipSync.authentik(site.membership().get()),
                  Clock.systemUTC(),
                  name -> Nss.user(name).isPresent(),
                  invoker())
              .run(dryRun);
      if (json()) {
        jsonOut().print(Json.write(MembershipOutput.json(r)));
      } else {
        MembershipOutput.print(out(), err(), r);
      }
      if (!r.ok()) {
        return ExitCodes.FAILED;
      }
      return r.dryRun() && r.changes() ? ExitCodes.CHANGES_PENDING : ExitCodes.OK;
    } catch (RunLock.HeldException e) {
      throw new WorkstationException(
          "another membership sync is running (" + e.holder() + "); nothing was changed",
          ExitCodes.FAILED);
    }
  }

  /** Who ran it: the human behind sudo when there is one. */
  static String invoker() {
    String sudo = System.getenv("SUDO_USER");
    if (sudo != null && !sudo.isBlank()) {
      return sudo;
    }
    String user = System.getProperty("user.name");
    return user == null ? "unknown" : user;
  }
}
