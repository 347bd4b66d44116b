package dev.workstation.cli;

import dev.workstation.reconcile.FreshenReport;
import dev.workstation.session.ServiceCall;
import dev.workstation.site.SiteConfig;
import dev.workstation.util.InertWriter;
import dev.workstation.worker.SessionCodec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code workstation freshen} done by the resident session service when one runs (root only): the
 * service's process already holds warm connections to every remote, TLS sessions and compiled code,
 * so the command pays a JVM start and one request instead of all of that again (SPEC §12). Only the
 * plain command line is handed over — {@code [--config F] [--json] freshen [--user U] [--jobs N]} —
 * and only when the service loaded the same site config, unchanged; anything else, and any answer
 * but a whole one, runs the command in this process as before (picocli, which also explains a wrong
 * command line).
 */
final class FreshenViaService {
  /** The service's freshen of everyone takes as long as the freshen itself; this bounds a hang. */
  static final Duration BOUND = Duration.ofHours(1);

  private record Args(Path config, boolean json, String user, String jobs) {}

  private FreshenViaService() {}

  /** The exit code when the service did it; empty when this process must. */
  static Optional<Integer> run(String[] argv, PrintWriter stdout) {
    Optional<Args> args = parse(argv);
    if (args.isEmpty() || !"root".equals(System.getProperty("user.name"))) {
      return Optional.empty();
    }
    Args a = args.get();
    StringBuilder target =
        new StringBuilder("/freshen?format=json&config=")
            .append(ServiceCall.encode(a.config().toAbsolutePath().normalize().toString()));
    if (a.user() != null) {
      target.append("&user=").append(ServiceCall.encode(a.user()));
    }
    if (a.jobs() != null) {
      target.append("&jobs=").append(a.jobs());
    }
    Optional<ServiceCall.Answer> answer =
        ServiceCall.send(ServiceCall.SOCKET, target.toString())
            .flatMap(c -> c.await(BOUND))
            .filter(r -> r.status() == 200);
    return answer.flatMap(r -> print(r.body(), a.json(), stdout));
  }

  /** The service's reports printed as the command prints its own; empty when not a whole answer. */
  static Optional<Integer> print(String body, boolean json, PrintWriter stdout) {
    List<FreshenReport> reports;
    try {
      reports =
          SessionCodec.decodeReports(body).stream()
              .map(
                  r ->
                      new FreshenReport(
                          r.user(),
                          r.outcome().repo(),
                          r.outcome().outcome(),
                          r.outcome().millis()))
              .toList();
    } catch (RuntimeException e) {
      return Optional.empty(); // not a whole answer: do it here
    }
    FreshenCommand.render(reports, json ? stdout : new InertWriter(stdout), json);
    return Optional.of(
        reports.stream().anyMatch(r -> r.outcome().failed()) ? ExitCodes.FAILED : ExitCodes.OK);
  }

  /** The plain command line, or empty for anything else. */
  private static Optional<Args> parse(String[] argv) {
    Path config = SiteConfig.DEFAULT_PATH;
    boolean json = false;
    boolean seen = false;
    String user = null;
    String jobs = null;
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        value = a.substring(eq + 1);
        a = a.substring(0, eq);
      } else if (List.of("--config", "--user", "--jobs").contains(a) && i + 1 < argv.length) {
        value = argv[++i];
      }
      switch (a) {
        case "freshen" -> {
          if (seen) {
            return Optional.empty();
          }
          seen = true;
        }
        case "--json" -> {
          if (value != null) {
            return Optional.empty();
          }
          json = true;
        }
        case "--config" -> {
          if (value == null || value.isEmpty()) {
            return Optional.empty();
          }
          config = Path.of(value);
        }
        case "--user" -> {
          if (!seen || value == null || !value.matches("[a-z_][a-z0-9_-]{0,63}")) {
            return Optional.empty();
          }
          user = value;
        }
        case "--jobs" -> {
          if (!seen || value == null || !value.matches("[1-9][0-9]{0,2}")) {
            return Optional.empty();
          }
          jobs = value;
        }
        default -> {
          return Optional.empty();
        }
      }
    }
    return seen ? Optional.of(new Args(config, json, user, jobs)) : Optional.empty();
  }
}
