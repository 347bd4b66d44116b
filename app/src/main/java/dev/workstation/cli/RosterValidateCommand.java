package dev.workstation.cli;

import dev.workstation.roster.Roster;
import dev.workstation.roster.RosterParser;
import dev.workstation.util.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code workstation roster validate FILE}: every problem, positioned; exit 3 if any. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Lint a roster: every problem in one pass as FILE:LINE:COL: PATH: MESSAGE.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:valid", "3:invalid (each problem printed on stderr)"})
final class RosterValidateCommand extends Subcommand implements java.util.concurrent.Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The roster to check.")
  Path file;

  @Override
  public Integer call() {
    Roster roster = RosterParser.parse(file.toString(), readInput(file));
    if (json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("file", file.toString());
      result.put("valid", true);
      result.put("users", List.copyOf(roster.users().keySet()));
      result.put("problems", List.of());
      out().print(Json.write(result));
    } else {
      out().println(file + ": valid (" + roster.users().size() + " users)");
    }
    return ExitCodes.OK;
  }
}
