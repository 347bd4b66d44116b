package dev.workstation.cli;

import dev.workstation.reconcile.RosterLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** The roster a {@code roster} subcommand reads: the FILE given, else the committed one. */
final class RosterSource {
  private RosterSource() {}

  record Input(String name, byte[] bytes) {}

  static Input read(Subcommand cmd, Path file) throws IOException {
    if (file != null) {
      return new Input(file.toString(), Subcommand.readInput(file));
    }
    RosterLoader.Loaded loaded =
        RosterLoader.load(
            cmd.root().siteConfigOrDefaults(true), Optional.empty(), cmd.root().config);
    loaded.warnings().forEach(w -> cmd.err().println("warning: " + w));
    return new Input(loaded.file(), loaded.bytes());
  }
}
