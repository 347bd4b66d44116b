package dev.workstation.cli;

import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.reconcile.Lifecycle;
import dev.workstation.roster.Roster;
import dev.workstation.roster.RosterEdits;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workstation park USER} / {@code unpark USER}: flip {@code parked} (audited commit),
 * reconcile.
 */
abstract class ParkCommand extends LifecycleSupport implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "USER",
      description = "A user on the committed roster.",
      completionCandidates = UserCandidates.class)
  String user;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description = "Why (goes into the commit message).")
  String reason;

  boolean force; // unpark's --force (parking never adds load)

  abstract boolean parked();

  @Override
  public Integer call() throws Exception {
    return withLifecycle(
        (lifecycle, site) -> {
          Roster roster = lifecycle.committed();
          var spec =
              roster
                  .user(user)
                  .orElseThrow(
                      () ->
                          new InvalidInputException(
                              Problem.whole("roster", "users." + user, "has no live row")));
          if (spec.parked() == parked()) {
            // the roster already says so: an empty commit would only add noise to its history
            out()
                .println(
                    user
                        + " is already "
                        + (parked() ? "parked" : "unparked")
                        + " in the committed roster; nothing to commit");
            return ExitCodes.OK;
          }
          if (!parked()) {
            refuseOverCapacity(
                lifecycle.capacityViolations((int) Lifecycle.active(roster) + 1), force);
          }
          String file = site.roster().orElseThrow().path();
          return report(
              (parked() ? "park " : "unpark ") + user,
              site,
              lifecycle.change(
                  "roster: " + (parked() ? "park " : "unpark ") + user,
                  reason,
                  text -> RosterEdits.setParked(file, text, user, parked()),
                  Optional.of(user),
                  () -> {},
                  this::logLine));
        });
  }

  @Command(
      name = "park",
      mixinStandardHelpOptions = true,
      description =
          "Park USER: surfaces disabled and stopped; account, data and port kept (audited commit, then reconcile).")
  static final class Park extends ParkCommand {
    @Override
    boolean parked() {
      return true;
    }
  }

  @Command(
      name = "unpark",
      mixinStandardHelpOptions = true,
      description =
          "Unpark USER: surfaces restored (refused over the capacity ceiling unless --force).")
  static final class Unpark extends ParkCommand {
    @Option(names = "--force", description = "Unpark even over the capacity ceiling.")
    void force(boolean force) {
      this.force = force;
    }

    @Override
    boolean parked() {
      return false;
    }
  }
}
