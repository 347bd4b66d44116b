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
 * The roster last applied, kept in the state dir: the fallback when a fetch fails (only when it was
 * verified), the commit the next one must descend from, and the "before" side of the transition
 * that fires each offboarding cut exactly once.
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

  /**
   * @param commit the roster repository's commit, absent for {@code --roster FILE}
   * @param verified whether an allowed signer vouched for it (false in unverified mode and for
   *     files)
   */
  public record Snapshot(String origin, byte[] roster, Optional<String> commit, boolean verified) {}

  public Optional<Snapshot> read() throws IOException {
    Path roster = dir.resolve("roster.yaml");
    if (!Files.exists(roster)) {
      return Optional.empty();
    }
    String origin = small("origin").orElse("unknown");
    return Optional.of(
        new Snapshot(
            origin,
            Files.readAllBytes(roster),
            small("commit").filter(c -> c.matches("[0-9a-f]{40}")),
            small("trust").map("verified"::equals).orElse(false)));
  }

  private Optional<String> small(String name) throws IOException {
    Path f = dir.resolve(name);
    return Files.exists(f)
        ? Optional.of(Files.readString(f, StandardCharsets.UTF_8).strip())
        : Optional.empty();
  }

  /** Records what was applied; writes only what changed (a converged run writes nothing). */
  public void write(Snapshot s) throws IOException {
    Files.createDirectories(dir);
    writeIfChanged(dir.resolve("roster.yaml"), s.roster());
    writeIfChanged(dir.resolve("origin"), line(s.origin()));
    writeIfChanged(dir.resolve("commit"), line(s.commit().orElse("none")));
    writeIfChanged(dir.resolve("trust"), line(s.verified() ? "verified" : "unverified"));
  }

  private static byte[] line(String s) {
    return (s + "\n").getBytes(StandardCharsets.UTF_8);
  }

  static void writeIfChanged(Path file, byte[] content) throws IOException {
    if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), content)) {
      return;
    }
    AtomicFiles.write(file, content, PosixFilePermissions.fromString("rw-------"));
  }
}
