package dev.workstation.session;

import dev.workstation.git.Freshener;
import dev.workstation.worker.SessionCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code workstation session-start}'s side of the resident service ({@code
 * freshen.SessionService}): ask it to freshen our clones and refresh our links, and read what it
 * did. Empty whenever the service is not there or declines (not installed, not running and not
 * socket-activated, clones it does not handle): the caller then does it in-process, as without a
 * service. The launcher itself asks with {@code curl}; this is the same request, for anyone who
 * runs the command by hand.
 */
final class SessionClient {
  private SessionClient() {}

  /** What the service did: outcomes with repos made absolute under the home, and link changes. */
  record Served(List<Freshener.Outcome> outcomes, List<String> links) {}

  /** A request sent to the service, its answer not read yet. */
  static final class Pending {
    private final ServiceCall call;
    private final Path home;

    private Pending(ServiceCall call, Path home) {
      this.call = call;
      this.home = home;
    }

    /** What the service did; empty if it declined, went away or did not answer in time. */
    Optional<Served> await(Duration within) {
      return call.await(within)
          .filter(a -> a.status() == 200)
          .flatMap(
              a -> {
                try {
                  return Optional.of(served(a.body(), home));
                } catch (RuntimeException e) {
                  return Optional.empty(); // not a well-formed answer: do it in-process
                }
              });
    }
  }

  /** Asks the service at {@code socket} to do our session start; empty when there is none. */
  static Optional<Pending> send(Path home, Path socket) {
    return ServiceCall.send(socket, "/session-start?format=json").map(c -> new Pending(c, home));
  }

  /** The service's answer, repos made absolute under {@code home}. */
  static Served served(String body, Path home) {
    SessionCodec.SessionAnswer a = SessionCodec.decodeSession(body);
    return new Served(
        a.outcomes().stream()
            .map(
                o ->
                    new Freshener.Outcome(
                        home.resolve(o.repo()).toString(), o.outcome(), o.millis()))
            .toList(),
        a.links());
  }
}
