package dev.workstation.cli;

import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.util.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Entry point. The one place that maps exceptions to exit codes and prints a one-line message
 * per problem; stack traces only with {@code --stacktrace}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = run(args);
    if (System.getenv("WORKSTATION_REPORT_RSS") != null) {
      reportPeakRss(); // for bench/run: the JVM's own high-water mark, read just before exit
    }
    System.exit(code);
  }

  private static void reportPeakRss() {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          System.err.println("workstation-peak-rss-kb " + line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (java.io.IOException e) {
      // not Linux: nothing to report
    }
  }

  public static int run(String... args) {
    CommandLine cli = commandLine();
    try {
      return cli.execute(args);
    } finally {
      cli.getOut().flush();
      cli.getErr().flush();
    }
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new WorkstationCommand());
    cli.setExecutionExceptionHandler(Main::onError);
    cli.setParameterExceptionHandler(Main::onUsageError);
    return cli;
  }

  /** A wrong flag or argument: invalid input (3), never confused with plan's "changes" (2). */
  private static int onUsageError(ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    err.println("workstation: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return ExitCodes.INVALID;
  }

  private static int onError(Exception e, CommandLine cmd, ParseResult parsed) {
    WorkstationCommand root = (WorkstationCommand) cmd.getCommandSpec().root().userObject();
    PrintWriter err = cmd.getErr();
    int code;
    if (e instanceof InvalidInputException invalid) {
      for (Problem p : invalid.problems()) {
        err.println(p.render());
      }
      int n = invalid.problems().size();
      err.println(n + (n == 1 ? " problem" : " problems") + "; nothing was changed.");
      if (root.json) {
        cmd.getOut().print(Json.write(problemsJson(invalid.problems())));
        cmd.getOut().flush();
      }
      code = ExitCodes.INVALID;
    } else if (e instanceof dev.workstation.reconcile.RunFailedException
        || e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
      // operational failures (a full disk, a refused fetch) are the operator's to fix, not bugs
      err.println("workstation: " + e.getMessage());
      code = ExitCodes.FAILED;
    } else if (e instanceof WorkstationException known) {
      err.println("workstation: " + known.getMessage());
      code = known.exitCode();
    } else {
      err.println("workstation: internal error: " + e.getClass().getSimpleName()
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
