package dev.workstation.bench;

import dev.workstation.it.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A session launch's session-start, timed as a person meets it: the user's own deployed launcher
 * ({@code managed-config/start-claude.sh}, which asks the session service with {@code curl}, or
 * runs {@code workstation session-start} when there is none) with a {@code claude} that exits at
 * once. Its {@code workstation} is the installed command (the jar, its JVM flags and CDS archive).
 */
final class Launch {
  private Launch() {}

  /** The repository's launcher, as a site config's {@code launcher.source}. */
  static Path launcherSource() {
    return Path.of("managed-config/start-claude.sh").toAbsolutePath().normalize();
  }

  /**
   * The command line that launches a session for {@code user} (output discarded), under a login
   * shell ({@code runuser -l}) when {@code login}, as the HTTPS figures have always been taken, or
   * under the bare harness ({@link #asUser}) for the loop at its cheapest.
   */
  static String script(Sandbox box, Path config, String user, boolean login) throws Exception {
    Path bin = box.dir().resolve("launch-" + config.getFileName().toString().replace('.', '-'));
    if (!Files.isDirectory(bin)) {
      Files.createDirectories(bin);
      Files.createSymbolicLink(bin.resolve("claude"), Path.of("/bin/true")); // starts, exits
      StringBuilder ws = new StringBuilder("#!/bin/sh\nexec");
      for (String a : box.workstationArgv("--config=" + config)) {
        ws.append(" '").append(a.replace("'", "'\\''")).append('\'');
      }
      Files.writeString(bin.resolve("workstation"), ws.append(" \"$@\"\n").toString());
      box.sh("chmod 755 " + bin + " " + bin + "/workstation").ok();
    }
    String launch = "PATH=" + bin + ":$PATH sh ~/start-claude.sh </dev/null >/dev/null";
    return login ? "runuser -l " + user + " -c '" + launch + "'" : asUser(user, launch);
  }

  /**
   * {@code script} run by {@code sh} as {@code user}, from a clean environment with their HOME: the
   * harness every session-start contender shares. Not {@code runuser -l}: a login shell's start is
   * no part of either contender (a launch runs inside a session already started), and at ~20–50 ms
   * it would hide what the cheapest loop and the launcher really cost.
   */
  static String asUser(String user, String script) {
    return "setpriv --reuid="
        + user
        + " --regid="
        + user
        + " --init-groups --reset-env -- sh -c '"
        + script.replace("'", "'\\''")
        + "'";
  }
}
