package dev.workstation.reconcile;

import dev.workstation.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;

/**
 * The roster last applied, kept in the state dir: the fallback when a fetch fails, and the "before"
 * side of the transition that fires each offboarding cut exactly once.
 */
public final class AppliedRoster {
  private final Path dir;

  public AppliedRoster(Path stateDir) {
    this.dir = stateDir.resolve("applied");
  }

  /** The applied roster's file: what {@code status} shows when the current one cannot be used. */
  public Path rosterFile() {
    return dir.resolve("roster.yaml");
  }

  public record Snapshot(String origin, byte[] roster) {}

  public Optional<Snapshot> read() throws IOException {
    Path roster = dir.resolve("roster.yaml");
    if (!Files.exists(roster)) {
      return Optional.empty();
    }
    Path origin = dir.resolve("origin");
    String o =
        Files.exists(origin) ? Files.readString(origin, StandardCharsets.UTF_8).strip() : "unknown";
    return Optional.of(new Snapshot(o, Files.readAllBytes(roster)));
  }

  /** Records what was applied; writes only what changed (a converged run writes nothing). */
  public void write(Snapshot s) throws IOException {
    Files.createDirectories(dir);
    writeIfChanged(dir.resolve("roster.yaml"), s.roster());
    writeIfChanged(dir.resolve("origin"), (s.origin() + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static void writeIfChanged(Path file, byte[] content) throws IOException {
    if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), content)) {
      return;
    }
    AtomicFiles.write(file, content, PosixFilePermissions.fromString("rw-------"));
  }
}
