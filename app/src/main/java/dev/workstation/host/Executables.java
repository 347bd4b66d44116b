package dev.workstation.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a tool as a shell would, with the admin directories root's PATH may lack. */
public final class Executables {
  private Executables() {}

  /**
   * {@code tool} in a {@code PATH} directory, {@code /usr/sbin} or {@code /sbin}, if executable.
   */
  public static Optional<Path> onPath(String tool) {
    String path =
        Optional.ofNullable(System.getenv("PATH")).orElse("/usr/sbin:/usr/bin:/sbin:/bin");
    for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
