package dev.workstation.cli;

import dev.workstation.reconcile.Lifecycle;
import dev.workstation.roster.Roster;
import dev.workstation.roster.RosterEdits;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workstation onboard USER …}: add the row (audited commit + push), then reconcile that
 * user.
 */
@Command(
    name = "onboard",
    mixinStandardHelpOptions = true,
    description = {
      "Add USER to the committed roster (one audited commit, pushed) and reconcile them now.",
      "Refused if the row exists (exit 3) or over the capacity ceiling (exit 1, unless --force)."
    })
final class OnboardCommand extends LifecycleSupport implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "USER", description = "The os_user (account name) to add.")
  String user;

  @Mixin CliRows row;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description = "Why (goes into the commit message).")
  String reason;

  @Option(names = "--force", description = "Onboard even over the capacity ceiling.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    return withLifecycle(
        (lifecycle, site) -> {
          RosterEdits.NewRow newRow = row.newRow(user, false);
          Roster roster = lifecycle.committed();
          if (roster.user(user).isPresent()) {
            throw new dev.workstation.input.InvalidInputException(
                dev.workstation.input.Problem.whole(
                    "roster", "users." + user, "already has a live row; nothing was changed"));
          }
          refuseOverCapacity(
              lifecycle.capacityViolations((int) Lifecycle.active(roster) + 1), force);
          String file = site.roster().orElseThrow().path();
          return report(
              "onboard " + user,
              site,
              lifecycle.change(
                  "roster: onboard " + user + " (" + row.tier.id() + ")",
                  reason,
                  text -> RosterEdits.addUser(file, text, newRow),
                  Optional.of(user),
                  () -> {},
                  this::logLine));
        });
  }
}
