package dev.workstation.cli;

import dev.workstation.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.BinaryOperator;
import picocli.CommandLine.Option;

/**
 * {@code --file F}: the roster file a {@code roster add/remove} edits in place (a picocli mixin).
 * The edit sees the file's name (for its errors) and text; the file is replaced atomically, and
 * only when the edit returned.
 */
final class RosterFileEdit {
  @Option(
      names = "--file",
      paramLabel = "F",
      required = true,
      description = "The roster file to edit.")
  Path file;

  /** Applies {@code edit(name, text)} to the file; returns the file for the command's line. */
  Path apply(BinaryOperator<String> edit) throws IOException {
    String before = new String(Subcommand.readInput(file), StandardCharsets.UTF_8);
    AtomicFiles.replace(file, edit.apply(file.toString(), before));
    return file;
  }
}
