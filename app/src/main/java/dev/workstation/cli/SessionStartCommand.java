package dev.workstation.cli;

import dev.workstation.session.SessionArgs;
import dev.workstation.session.SessionStart;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workstation session-start}: run by the session launcher as the user. The launcher's plain
 * command line never reaches picocli ({@link Main} hands it to {@link SessionStart} directly); this
 * class gives the command its help, completion and man page, and runs it for any other spelling.
 */
@Command(
    name = "session-start",
    mixinStandardHelpOptions = true,
    description = {
      "As the calling user: freshen your own clones (single: ~/code; workspace: each clone in ~/code),",
      "bounded by --timeout. Always exits 0: it never blocks a session launch."
    })
final class SessionStartCommand extends Subcommand implements Callable<Integer> {

  @Option(
      names = "--timeout",
      paramLabel = "S",
      description = "Seconds at most (default: freshen.session_timeout).")
  Double timeoutSeconds;

  @Override
  public Integer call() {
    SessionStart.run(
        new SessionArgs(root().config, json(), timeoutSeconds),
        Path.of(System.getProperty("user.home")),
        jsonOut()); // SessionStart escapes its lines for people itself
    return ExitCodes.OK;
  }
}
