package dev.workstation.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What a {@link SystemdSandbox} boots with: the systemd binary, the host-wide lock and how long to
 * wait for it, and how long systemd may take to reach {@code running}. The host's are {@link
 * #host}; a test hands in a binary that does not exist to see the sandbox say so.
 */
public record SystemdSetup(Path systemd, Path lock, Duration lockWait, Duration bootBound) {

  /** Debian's systemd, the host-wide lock under {@code /run/lock}. */
  public static SystemdSetup host(Duration lockWait) {
    return new SystemdSetup(
        Path.of("/lib/systemd/systemd"), SandboxLock.HOST, lockWait, SystemdSandbox.BOOT_BOUND);
  }

  /** Why systemd cannot boot here before anything is tried; empty when nothing is missing. */
  public Optional<String> missing() {
    if (!Nss.isRoot()) {
      return Optional.of(
          "needs root: it mounts overlays and boots systemd in namespaces of its own");
    }
    if (!Files.isExecutable(systemd)) {
      return Optional.of(
          "systemd is not installed (no " + systemd + "; Debian: apt-get install systemd)");
    }
    for (String tool : new String[] {"unshare", "nsenter"}) {
      if (Executables.onPath(tool).isEmpty()) {
        return Optional.of("needs " + tool + " (Debian: util-linux)");
      }
    }
    if (!Files.isExecutable(Path.of("/usr/bin/dbus-daemon"))
        && !Files.isExecutable(Path.of("/usr/bin/dbus-broker"))) {
      return Optional.of(
          "needs a D-Bus system bus for logind (no /usr/bin/dbus-daemon; Debian: apt-get install"
              + " dbus)");
    }
    if (!Files.isDirectory(CgroupLeaves.ROOT)) {
      return Optional.of("no cgroup filesystem at " + CgroupLeaves.ROOT);
    }
    return Optional.empty();
  }
}
