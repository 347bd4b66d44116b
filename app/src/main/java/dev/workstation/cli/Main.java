package dev.workstation.cli;

import dev.workstation.claudesync.ClaudeAuthSync;
import dev.workstation.claudesync.SyncArgs;
import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.reconcile.Ports;
import dev.workstation.session.SessionArgs;
import dev.workstation.session.SessionStart;
import dev.workstation.util.InertWriter;
import dev.workstation.util.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Entry point. The one place that maps exceptions to exit codes and prints a one-line message per
 * problem; stack traces only with {@code --stacktrace}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // the session launcher's command line skips picocli: its model of every subcommand costs
    // more than session-start's work (see docs/performance.md)
    Optional<SessionArgs> sessionStart = SessionArgs.fast(args);
    // the users' claude-auth timers too (ClaudeAuthSync, docs/performance.md)
    Optional<SyncArgs> claudeAuthSync = SyncArgs.fast(args);
    int code;
    if (claudeAuthSync.isPresent()) {
      code = ClaudeAuthSync.run(claudeAuthSync.get(), new PrintWriter(System.out));
    } else if (sessionStart.isPresent()) {
      SessionStart.run(
          sessionStart.get(),
          Path.of(System.getProperty("user.home")),
          new PrintWriter(System.out));
      code = ExitCodes.OK;
    } else {
      // likewise a plain freshen, when the resident service can do it warm
      PrintWriter stdout = new PrintWriter(System.out);
      code = FreshenViaService.run(args, stdout).orElseGet(() -> run(args));
      stdout.flush();
    }
    if (System.getenv("WORKSTATION_REPORT_RSS") != null) {
      reportPeakRss(); // for bench/run: the JVM's own high-water mark, read just before exit
    }
    System.exit(code);
  }

  private static void reportPeakRss() {
    try {
      for (String line :
          java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          System.err.println("workstation-peak-rss-kb " + line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (java.io.IOException e) {
      // not Linux: nothing to report
    }
  }

  public static int run(String... args) {
    return run(Ports.host(), args);
  }

  /**
   * Runs the CLI driving {@code ports}: the binary's are {@link Ports#host()}; crash tests and
   * tests without a running systemd start it with their own.
   */
  public static int run(Ports ports, String... args) {
    CommandLine cli = commandLine(ports, args);
    try {
      return cli.execute(args);
    } finally {
      cli.getOut().flush();
      cli.getErr().flush();
    }
  }

  /** The whole CLI: every subcommand (help, completion, the man page, tests). */
  public static CommandLine commandLine() {
    return commandLine(Ports.host(), new String[0]);
  }

  /**
   * The CLI for {@code args}: when they name a subcommand, only that one is registered. picocli
   * builds the model of every registered command by reflection on each start, and a short run (a
   * timer's freshen, a validate in a hook) should pay for one command, not fifteen.
   */
  static CommandLine commandLine(String[] args) {
    return commandLine(Ports.host(), args);
  }

  static CommandLine commandLine(Ports ports, String[] args) {
    WorkstationCommand root = new WorkstationCommand(ports);
    CommandLine cli = new CommandLine(root);
    String wanted = subcommandName(args);
    boolean known = false;
    for (Class<?> c : WorkstationCommand.SUBCOMMANDS) {
      known |= c.getAnnotation(CommandLine.Command.class).name().equals(wanted);
    }
    boolean all = !known || wanted.startsWith("generate-"); // help, typos, completion, the man page
    for (Class<?> c : WorkstationCommand.SUBCOMMANDS) {
      if (all || c.getAnnotation(CommandLine.Command.class).name().equals(wanted)) {
        cli.addSubcommand(c);
      }
    }
    CommandList.install(cli);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> onError(root, e, cmd));
    cli.setParameterExceptionHandler((e, ignored) -> onUsageError(root, e));
    return cli;
  }

  /** The first argument that is not a global option or its value; "" if none. */
  static String subcommandName(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config")) {
        i++;
      } else if (!args[i].startsWith("-")) {
        return args[i];
      }
    }
    return "";
  }

  /** A wrong flag or argument: invalid input (3), never confused with plan's "changes" (2). */
  private static int onUsageError(WorkstationCommand root, ParameterException e) {
    PrintWriter err = new InertWriter(e.getCommandLine().getErr());
    if (e.getCause() instanceof InvalidInputException invalid) {
      // a typed flag's converter refused the value (--tier, --layout): reported as any bad value
      int code = invalid(root, invalid, e.getCommandLine(), err);
      err.flush();
      return code;
    }
    err.println("workstation: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return ExitCodes.INVALID;
  }

  private static int onError(WorkstationCommand root, Exception e, CommandLine cmd) {
    PrintWriter err = new InertWriter(cmd.getErr()); // messages may quote hostile values
    int code;
    if (e instanceof InvalidInputException invalid) {
      code = invalid(root, invalid, cmd, err);
    } else if (e instanceof dev.workstation.reconcile.RunFailedException
        || e instanceof dev.workstation.host.CommandFailedException
        || e instanceof java.io.IOException
        || e instanceof java.io.UncheckedIOException) {
      // operational failures (a full disk, a refused fetch) are the operator's to fix, not bugs
      err.println("workstation: " + e.getMessage());
      code = ExitCodes.FAILED;
    } else if (e instanceof WorkstationException known) {
      err.println("workstation: " + known.getMessage());
      code = known.exitCode();
    } else {
      err.println(
          "workstation: internal error: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + (root.stacktrace ? "" : " (rerun with --stacktrace for details)"));
      code = ExitCodes.FAILED;
    }
    if (root.stacktrace) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** Every problem, positioned, then the count; with {@code --json} also as JSON on stdout. */
  private static int invalid(
      WorkstationCommand root, InvalidInputException invalid, CommandLine cmd, PrintWriter err) {
    for (Problem p : invalid.problems()) {
      err.println(p.render());
    }
    int n = invalid.problems().size();
    err.println(n + (n == 1 ? " problem" : " problems") + "; nothing was changed.");
    if (root.json) {
      cmd.getOut().print(Json.write(problemsJson(invalid.problems())));
      cmd.getOut().flush();
    }
    return ExitCodes.INVALID;
  }

  static Map<String, Object> problemsJson(List<Problem> problems) {
    List<Object> list = new ArrayList<>();
    for (Problem p : problems) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", p.file());
      m.put("line", p.line());
      m.put("column", p.column());
      m.put("path", p.path());
      m.put("message", p.message());
      list.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("valid", false);
    out.put("problems", list);
    return out;
  }
}
