package dev.workstation.session;

import dev.workstation.site.SiteConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A parsed session-start command line; {@code timeoutSeconds} is null for the site's default.
 *
 * <p>Session-start sits on the path of every session launch, so it is also reachable without the
 * CLI framework: {@link #fast} recognises the command line the launcher uses and the entry point
 * runs it directly (the full CLI's model of every subcommand costs more than the work itself).
 */
public record SessionArgs(Path config, boolean json, Double timeoutSeconds) {

  /**
   * The arguments, when {@code argv} is a plain session-start command line: the subcommand once,
   * and only {@code --config}, {@code --json}, {@code --stacktrace} (before or after it) and {@code
   * --timeout} (after it), each well-formed. Anything else — help, a typo, a bad number — is left
   * to the full CLI, which explains it.
   */
  public static Optional<SessionArgs> fast(String[] argv) {
    Path config = SiteConfig.DEFAULT_PATH;
    boolean json = false;
    Double timeout = null;
    boolean seen = false;
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      String value = null;
      if (a.startsWith("--config=") || a.startsWith("--timeout=")) {
        value = a.substring(a.indexOf('=') + 1);
        a = a.substring(0, a.indexOf('='));
      } else if ((a.equals("--config") || a.equals("--timeout")) && i + 1 < argv.length) {
        value = argv[++i];
      }
      switch (a) {
        case "session-start" -> {
          if (seen) {
            return Optional.empty();
          }
          seen = true;
        }
        case "--json" -> json = true;
        case "--stacktrace" -> {}
        case "--config" -> {
          if (value == null || value.isEmpty()) {
            return Optional.empty();
          }
          config = Path.of(value);
        }
        case "--timeout" -> {
          Double t = seconds(value);
          if (!seen || t == null) {
            return Optional.empty();
          }
          timeout = t;
        }
        default -> {
          return Optional.empty();
        }
      }
    }
    return seen ? Optional.of(new SessionArgs(config, json, timeout)) : Optional.empty();
  }

  private static Double seconds(String value) {
    try {
      double d = Double.parseDouble(value);
      return Double.isFinite(d) && d >= 0 ? d : null;
    } catch (NumberFormatException | NullPointerException e) {
      return null;
    }
  }
}
