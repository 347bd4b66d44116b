package dev.workstation.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Whether the user this process runs as can follow a link into the Config base: every directory on
 * the way searchable, the base and each linked entry readable. Asked as the user (their worker, or
 * session-start), so the kernel's answer is theirs — root's would always be yes. The admin's home
 * at 0700, the original's own setup, once left every user's hooks silently unwired.
 */
final class BaseAccess {
  private BaseAccess() {}

  /** Why the base cannot be reached and listed by this user, with the remedy; empty if it can. */
  static Optional<String> closed(Path base) {
    Path p = base.getRoot();
    for (Path part : base) {
      p = p.resolve(part);
      if (!Files.exists(p)) {
        return Optional.empty(); // a base not made yet: nothing to link, nothing dangles
      }
      if (Files.isDirectory(p) && !Files.isExecutable(p)) {
        return Optional.of(why(base, p, "is not searchable by"));
      }
    }
    if (!Files.isReadable(base)) {
      return Optional.of(why(base, base, "cannot be listed by"));
    }
    return Optional.empty();
  }

  /** Why the base's {@code entry} cannot be followed from {@code link} by this user; or empty. */
  static Optional<String> unreadable(Path entry, String link) {
    boolean ok =
        Files.isReadable(entry) && (!Files.isDirectory(entry) || Files.isExecutable(entry));
    return ok
        ? Optional.empty()
        : Optional.of(
            link
                + " → "
                + entry
                + ": not readable by "
                + user()
                + " ("
                + mode(entry)
                + "); let users read it: chmod -R o+rX "
                + entry);
  }

  private static String why(Path base, Path blocking, String verb) {
    return "the Config base "
        + base
        + " cannot be reached as "
        + user()
        + ": "
        + blocking
        + " "
        + verb
        + " "
        + user()
        + " ("
        + mode(blocking)
        + "); let users through: "
        + (blocking.equals(base)
            ? "chmod o+rx " + base
            : "chmod o+x " + blocking + " (search only: nothing in it can be listed)")
        + ", or set config_base.dir to a directory every user can reach";
  }

  private static String user() {
    return System.getProperty("user.name", "this user");
  }

  private static String mode(Path p) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    } catch (IOException | UnsupportedOperationException e) {
      return "mode unknown";
    }
  }
}
