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
final class RosterValidateCommand extends Subcommand
    implements java.util.concurrent.Callable<Integer> {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description =
          "The roster to check (default: the committed roster of the site config's roster: source).")
  Path file;

  @Override
  public Integer call() throws java.io.IOException {
    RosterSource.Input in = RosterSource.read(this, file);
    Roster roster = RosterParser.parse(in.name(), in.bytes());
    if (json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("file", in.name());
      result.put("valid", true);
      result.put("users", List.copyOf(roster.users().keySet()));
      result.put("problems", List.of());
      jsonOut().print(Json.write(result));
    } else {
      out().println(in.name() + ": valid (" + roster.users().size() + " users)");
    }
    return ExitCodes.OK;
  }
}
