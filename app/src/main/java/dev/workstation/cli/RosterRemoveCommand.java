package dev.workstation.cli;

import dev.workstation.roster.RosterEdits;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workstation roster remove USER --note N --file F}: comment the row out, dated. */
@Command(
    name = "remove",
    mixinStandardHelpOptions = true,
    description = {
      "Comment a user's row out under a dated note (a commented row reads exactly like an absent one).",
      "Refused (exit 3, file untouched) if USER has no live row."
    })
final class RosterRemoveCommand extends Subcommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "USER", description = "The user whose row to comment out.")
  String user;

  @Option(
      names = "--note",
      paramLabel = "N",
      required = true,
      description = "Why (kept in the roster as a comment).")
  String note;

  @Mixin RosterFileEdit roster;

  @Override
  public Integer call() throws Exception {
    Path file =
        roster.apply(
            (name, text) -> RosterEdits.removeUser(name, text, user, note, LocalDate.now()));
    out().println(file + ": commented out " + user);
    return ExitCodes.OK;
  }
}
