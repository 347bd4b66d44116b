package dev.workstation.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A scratch systemd tree for {@code systemctl --root} ({@code WORKSTATION_SYSTEMCTL_ROOT}): the
 * site's per-user templates installed in {@code etc/systemd/system}, and what is enabled read back
 * from the {@code .wants/} symlinks systemctl makes — the same state {@code systemctl --root
 * is-enabled} answers from.
 */
record SystemdRoot(Path dir) {

  static SystemdRoot create(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("etc/systemd/system"));
    return new SystemdRoot(dir);
  }

  /**
   * Installs a minimal template for each of {@code files} (e.g. {@code claude-auth-sync@.timer}).
   */
  SystemdRoot templates(String... files) throws IOException {
    for (String f : files) {
      String body =
          f.endsWith(".timer")
              ? "[Unit]\nDescription=%i\n\n[Timer]\nOnBootSec=10m\n\n[Install]\nWantedBy=timers.target\n"
              : "[Unit]\nDescription=%i\n\n[Service]\nUser=%i\nExecStart=/bin/true\n\n"
                  + "[Install]\nWantedBy=multi-user.target\n";
      Files.writeString(dir.resolve("etc/systemd/system").resolve(f), body);
    }
    return this;
  }

  /** {@code systemctl --root enable} the units, as the original provisioner left them enabled. */
  void enable(String... units) throws Exception {
    List<String> argv = new ArrayList<>(List.of("systemctl", "--root=" + dir, "enable"));
    argv.addAll(List.of(units));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", argv) + ": " + out);
    }
  }

  /** Whether {@code unit} is enabled: a symlink in any {@code .wants/} directory. */
  boolean enabled(String unit) throws IOException {
    Path etc = dir.resolve("etc/systemd/system");
    try (var dirs = Files.list(etc)) {
      for (Path d : dirs.toList()) {
        if (d.getFileName().toString().endsWith(".wants")
            && Files.exists(d.resolve(unit), LinkOption.NOFOLLOW_LINKS)) {
          return true;
        }
      }
    }
    return false;
  }
}
