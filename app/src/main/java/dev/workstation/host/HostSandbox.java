package dev.workstation.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The disposable host that {@code workstation demo} and the tests run in: a private mount namespace
 * ({@code unshare --mount --propagation private}) with overlays on {@code /etc} and {@code /var}
 * (so useradd's passwd/shadow and lastlog writes land in a scratch dir) and tmpfs on {@code /home}
 * and {@code /run} (which also hides the host's systemd and nscd sockets).
 *
 * <p>Why overlays, not bind mounts of single files: the shadow tools write a new file and rename it
 * over the old one, which a bind-mounted file does not survive.
 */
public final class HostSandbox {
  private HostSandbox() {}

  /**
   * Prepares {@code dir} (world-readable, with a world-readable copy of {@code jar}: the sandbox's
   * users run it as workers wherever the checkout lives) and returns the argv that enters the
   * sandbox and then runs {@code thenShell} there.
   */
  public static List<String> prepare(Path dir, Path jar, String thenShell) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.copy(jar, dir.resolve("workstation-all.jar"), StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(
        dir.resolve("workstation-all.jar"), PosixFilePermissions.fromString("rw-r--r--"));
    Path up = Files.createDirectories(dir.resolve(".sandbox"));
    for (String d : List.of("etc-up", "etc-work", "var-up", "var-work")) {
      Files.createDirectories(up.resolve(d));
    }
    String script =
        String.join(
            " && ",
            "mount --make-rprivate /",
            "mount -t overlay overlay -o lowerdir=/etc,upperdir="
                + up
                + "/etc-up,workdir="
                + up
                + "/etc-work /etc",
            "mount -t overlay overlay -o lowerdir=/var,upperdir="
                + up
                + "/var-up,workdir="
                + up
                + "/var-work /var",
            "mount -t tmpfs -o mode=0755 tmpfs /home",
            "mount -t tmpfs -o mode=0755 tmpfs /run",
            "mkdir -p /run/workstation /var/lib/workstation",
            thenShell);
    return List.of("unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c", script);
  }
}
