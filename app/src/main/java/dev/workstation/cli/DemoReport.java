package dev.workstation.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the demo prints as it goes — headings, each CLI run with its exit code — and the account it
 * gives at the end: one {@code ok}, {@code skip} (with the reason this machine cannot show it) or
 * {@code FAIL} line per check a step made.
 */
final class DemoReport {
  private final Path config;
  private final PrintStream out;
  private final List<String> account = new ArrayList<>();

  DemoReport(Path config, PrintStream out) {
    this.config = config;
    this.out = out;
  }

  PrintStream out() {
    return out;
  }

  /** {@code workstation --config=… ARGS}, in this process, echoed with its exit code. */
  int cli(String... args) {
    List<String> all = new ArrayList<>(List.of("--config=" + config));
    all.addAll(List.of(args));
    out.println("$ workstation " + String.join(" ", args));
    int code = Main.run(all.toArray(String[]::new));
    out.println("  (exit " + code + ")");
    return code;
  }

  void record(boolean ok, String what) {
    account.add((ok ? "  ok    " : "  FAIL  ") + what);
  }

  /** A check that cannot be made on this machine: not a failure, and the reason is said. */
  void skip(String what, String why) {
    account.add("  skip  " + what + " (skipped: " + why + ")");
  }

  void heading(String s) {
    out.println();
    out.println("== " + s + " ==");
  }

  void step(String s) {
    out.println();
    out.println("-- " + s);
  }

  /** Prints the account; true when no check failed. */
  boolean account() {
    account.forEach(out::println);
    return account.stream().allMatch(l -> l.startsWith("  ok") || l.startsWith("  skip"));
  }
}
