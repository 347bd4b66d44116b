package dev.workstation.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;

/**
 * {@code workstation generate-completion}: the bash completion script, from the same picocli
 * definitions. picocli writes candidate lists into the script when it is generated; a user name is
 * different (users come and go after the package is built), so its marker becomes a lookup of the
 * host's human accounts that bash runs when it completes.
 */
@Command(
    name = "generate-completion",
    hidden = true,
    mixinStandardHelpOptions = true,
    description =
        "Print the bash completion script (source it, or install it as the package does).")
final class CompletionCommand extends Subcommand implements Callable<Integer> {
  static final String USERS =
      "\n# Human accounts of this host (uid 1000 and up): the users a command may name.\n"
          + "function _workstation_users() {\n"
          + "  getent passwd 2>/dev/null | awk -F: '$3 >= 1000 && $3 < 60000 { print $1 }'\n"
          + "}\n";

  @Override
  public Integer call() {
    String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
    script = script.replace("\"" + UserCandidates.MARKER + "\"", "$(_workstation_users)");
    // the script is code for bash, from our own annotations: written as is (the escaping writer
    // would turn its line ends into "\n")
    spec.commandLine().getOut().print(script + USERS);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
