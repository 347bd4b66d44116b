package dev.workstation.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A scratch systemd tree for {@code systemctl --root} ({@link TestPorts#systemctlRoot}): the site's
 * per-user templates installed in {@code etc/systemd/system}, units enabled and read back with the
 * real {@code systemctl --root}.
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

  /** Whether {@code unit} is enabled, as {@code systemctl --root=DIR is-enabled} says. */
  boolean enabled(String unit) throws Exception {
    Process p =
        new ProcessBuilder("systemctl", "--root=" + dir, "is-enabled", unit)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    p.waitFor();
    return out.equals("enabled");
  }
}
