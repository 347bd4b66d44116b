package dev.workstation.cli;

import dev.workstation.roster.RosterEdits;
import dev.workstation.roster.RosterEdits.NewRow;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workstation roster add USER …--file F}: append a row, every other byte kept. */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = {
      "Append a user row at the end of the users: block of a roster file.",
      "Every other byte of the file is kept; refused (exit 3, file untouched) if USER has a live row"
          + " or the result would be invalid."
    })
final class RosterAddCommand extends Subcommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "USER", description = "The os_user (account name).")
  String user;

  @Mixin CliRows row;

  @Option(names = "--parked", description = "Add the row parked.")
  boolean parked;

  @Option(
      names = "--note",
      paramLabel = "TEXT",
      description = "Why (one line, kept in the roster as a comment just above the row).")
  String note;

  @Mixin RosterFileEdit roster;

  @Override
  public Integer call() throws Exception {
    NewRow newRow = row.newRow(user, parked);
    Path file =
        roster.apply(
            (name, text) ->
                RosterEdits.addUser(name, text, newRow, java.util.Optional.ofNullable(note)));
    out().println(file + ": added " + user);
    return ExitCodes.OK;
  }
}
