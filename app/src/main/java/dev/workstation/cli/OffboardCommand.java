package dev.workstation.cli;

import dev.workstation.account.HomeArchive;
import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.reconcile.Lifecycle;
import dev.workstation.roster.Roster;
import dev.workstation.site.SiteConfig;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workstation offboard USER}: comment the row out (audited commit), then the reversible cut
 * right away. {@code --destroy --yes}: for a user already cut, archive the home (verified) and
 * delete the account.
 */
@Command(
    name = "offboard",
    mixinStandardHelpOptions = true,
    description = {
      "Staged offboarding. Without --destroy: comment USER's row out (audited commit, pushed) and cut them",
      "now: units stopped, dropped from the maps, password locked and account expired, sessions ended. Nothing deleted.",
      "With --destroy --yes (only after the cut): archive the home (tar.gz + sha256, verified), then delete account and home."
    })
final class OffboardCommand extends LifecycleSupport implements Callable<Integer> {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "USER",
      description = "The user to offboard (not with --pending).",
      completionCandidates = UserCandidates.class)
  String user;

  @Option(
      names = "--pending",
      description = "List the users who are cut and wait for --destroy (changes nothing).")
  boolean pending;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description = "Why (commit message and roster comment).")
  String reason;

  @Option(names = "--destroy", description = "Archive and delete (only for a user already cut).")
  boolean destroy;

  @Option(names = "--yes", description = "Confirm --destroy.")
  boolean yes;

  @Override
  public Integer call() throws Exception {
    if (pending) {
      if (user != null || destroy) {
        throw new InvalidInputException(
            Problem.whole(
                "command line", "--pending", "lists everyone; give no USER or --destroy"));
      }
      return listPending();
    }
    if (user == null) {
      throw new InvalidInputException(
          Problem.whole(
              "command line", "USER", "which user? (or --pending to list who awaits destroy)"));
    }
    if (destroy && !yes) {
      throw new InvalidInputException(
          Problem.whole(
              "command line",
              "--destroy",
              "deletes the account and home after archiving them; add --yes to confirm"));
    }
    return withLifecycle(
        (lifecycle, site) -> destroy ? destroy(lifecycle, site) : offboard(lifecycle, site));
  }

  /** The reversible cut: the row removed in an audited commit, the user cut by the reconcile. */
  private int offboard(Lifecycle lifecycle, SiteConfig site) throws Exception {
    Roster roster = lifecycle.committed();
    if (roster.user(user).isEmpty()) {
      throw new InvalidInputException(
          Problem.whole("roster", "users." + user, "has no live row (already offboarded?)"));
    }
    Lifecycle.refuseLastAdmin(roster, user, "roster");
    // the reason is also the roster's comment: escaped and on one line there too
    String note =
        reason == null || reason.isBlank()
            ? "offboarded"
            : dev.workstation.git.CommitMessage.line(reason);
    String file = site.roster().orElseThrow().path();
    return report(
        "offboard " + user,
        site,
        lifecycle.change(
            "roster: offboard " + user,
            reason,
            Lifecycle.remove(file, user, note),
            Optional.empty(),
            () -> lifecycle.markPendingCut(user),
            this::logLine));
  }

  /** The destructive step, recorded however it ends: archived, verified, deleted. */
  private int destroy(Lifecycle lifecycle, SiteConfig site) throws Exception {
    String command = "offboard " + user + " --destroy";
    HomeArchive.Archive a;
    try {
      a = lifecycle.destroy(user, this::logLine);
    } catch (dev.workstation.reconcile.RunFailedException
        | java.io.IOException
        | java.io.UncheckedIOException e) {
      recorder(site)
          .stopped(command, e.getMessage(), ExitCodes.FAILED)
          .forEach(w -> err().println("warning: " + w));
      throw e;
    }
    recorder(site).destroyed(user, ExitCodes.OK).forEach(w -> err().println("warning: " + w));
    out()
        .println(
            "destroyed "
                + user
                + "; home archived to "
                + a.file()
                + " (sha256 "
                + a.sha256()
                + ", verified)");
    return ExitCodes.OK;
  }

  /** Who is cut and still has an account and home: what {@code --destroy} would remove. */
  private int listPending() throws java.io.IOException {
    var awaiting =
        dev.workstation.reconcile.CutRecords.awaitingDestroy(
            root().siteConfigOrDefaults(true).stateDir());
    if (json()) {
      jsonOut()
          .print(
              dev.workstation.util.Json.write(
                  java.util.Map.of(
                      "awaiting_destroy",
                      dev.workstation.status.StatusReport.awaitingJson(awaiting))));
      return ExitCodes.OK;
    }
    if (awaiting.isEmpty()) {
      out().println("Nobody awaits destroy.");
    }
    for (var a : awaiting) {
      out()
          .println(
              a.user()
                  + "  cut "
                  + a.since()
                  + "  (workstation offboard "
                  + a.user()
                  + " --destroy --yes)");
    }
    return ExitCodes.OK;
  }
}
