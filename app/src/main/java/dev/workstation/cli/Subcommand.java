package dev.workstation.cli;

import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
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

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
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
