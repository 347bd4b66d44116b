package dev.workstation.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What every sandbox prepares in its scratch directory before it starts: the directory made
 * world-readable with a world-readable copy of the jar (the sandbox's users run it as workers
 * wherever the checkout lives), the overlays' upper and work directories under {@code .sandbox/},
 * and the host's {@code login.defs} with the sandbox's own id range ({@link SandboxIds}).
 */
final class SandboxScratch {
  private SandboxScratch() {}

  /** Prepares {@code dir} for overlays on {@code overlaid}; returns the id range chosen. */
  static IdRange prepare(Path dir, Path jar, String... overlaid) throws IOException {
    IdRange ids = SandboxIds.choose(Path.of("/etc"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path copy = dir.resolve("workstation-all.jar");
    Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
    Path up = Files.createDirectories(meta(dir));
    for (String d : overlaid) {
      Files.createDirectories(up.resolve(d + "-up"));
      Files.createDirectories(up.resolve(d + "-work"));
    }
    Path hostDefs = Path.of("/etc/login.defs");
    String defs =
        Files.isRegularFile(hostDefs)
            ? Files.readString(hostDefs, StandardCharsets.ISO_8859_1)
            : "";
    Files.writeString(up.resolve("login.defs"), SandboxIds.loginDefs(defs, ids));
    return ids;
  }

  /** Where a sandbox keeps its own files inside the scratch directory. */
  static Path meta(Path dir) {
    return dir.resolve(".sandbox");
  }
}
