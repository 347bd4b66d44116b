package dev.workstation.cli;

import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.util.InertWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the root's global options and its output streams. */
abstract class Subcommand {
  @Spec CommandSpec spec;

  WorkstationCommand root() {
    return (WorkstationCommand) spec.root().userObject();
  }

  boolean json() {
    return root().json;
  }

  private PrintWriter out;
  private PrintWriter err;

  /**
   * Standard output for people: every character printed goes through the one escaping function
   * ({@link InertWriter}), so no value from a roster, a home, a remote or a file name reaches the
   * terminal raw.
   */
  PrintWriter out() {
    if (out == null) {
      out = new InertWriter(spec.commandLine().getOut());
    }
    return out;
  }

  /** Standard error for people, escaped like {@link #out()}. */
  PrintWriter err() {
    if (err == null) {
      err = new InertWriter(spec.commandLine().getErr());
    }
    return err;
  }

  /** Standard output for {@code --json}: the JSON writer escapes, and its newlines are layout. */
  PrintWriter jsonOut() {
    return spec.commandLine().getOut();
  }

  /** Reads a file named on the command line; a missing or unreadable one is invalid input. */
  static byte[] readInput(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(Problem.whole(file.toString(), "", "file not found"));
    } catch (IOException e) {
      throw new InvalidInputException(
          Problem.whole(file.toString(), "", "cannot read: " + e.getMessage()));
    }
  }
}
