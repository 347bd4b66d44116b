package dev.workstation.freshen;

import dev.workstation.git.Freshener;
import dev.workstation.host.Nss;
import dev.workstation.util.Deadline;
import dev.workstation.util.Inert;
import dev.workstation.worker.SessionCodec;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * The resident side of {@code session-start}: a root service on a Unix socket (socket-activated by
 * systemd; see {@code systemd/workstation-session.socket}) that freshens the clones of whoever
 * connects — the kernel tells it who ({@code SO_PEERCRED}); nothing the client says can name
 * another user. It does for that one user what the hourly freshen does for everyone ({@link
 * MirrorFreshen}: the user's own credentials checked against the server, one fetch into the mirror,
 * bundles, the user's own git fast-forwarding) and refreshes their Config base links ({@link
 * SessionLinks}), with connections, TLS sessions and compiled code already warm, so a session
 * launch pays one round trip per remote and no JVM start.
 *
 * <p>It speaks a strict subset of HTTP/1.1 ({@link ServiceRequest}, {@link SessionServer}), one
 * request per connection, so that the launcher's client is {@code curl --unix-socket}:
 *
 * <ul>
 *   <li>{@code GET /session-start} — 200 and the lines a person reads ({@code ?format=json}: the
 *       {@link SessionCodec} answer); 403 for anyone not on the applied roster (root included), 422
 *       for clones of a shape the service leaves to the user's own session-start, 409 while the
 *       caller's previous request runs.
 *   <li>{@code GET /freshen?config=…[&user=…][&jobs=…]} — root only: the freshen of everyone on the
 *       applied roster ({@link Everyone}), what {@code workstation freshen} asks of a running
 *       service; 409 when the service runs with another site config.
 * </ul>
 */
public final class SessionService implements SessionServer.Handler {
  /** Root's freshen of everyone, done by the service's warm process. */
  public interface Everyone {
    /**
     * The reports ({@link SessionCodec#encodeReports}), or empty when {@code config} is not ours.
     */
    Optional<String> freshen(String config, Optional<String> user, OptionalInt jobs);
  }

  private final MirrorFreshen freshen;
  private final Function<String, Optional<Set<URI>>> remotesOf;
  private final Optional<SessionLinks> links;
  private final Everyone everyone;
  private final Duration bound;

  /** What a request's journal line says besides its status (this thread's request). */
  private final ThreadLocal<String> note = ThreadLocal.withInitial(() -> "");

  /**
   * @param remotesOf the site remotes of a user on the applied roster, empty for anyone else
   * @param bound all the work of one session request ({@code freshen.session_timeout})
   */
  public SessionService(
      MirrorFreshen freshen,
      Function<String, Optional<Set<URI>>> remotesOf,
      Optional<SessionLinks> links,
      Everyone everyone,
      Duration bound) {
    this.freshen = freshen;
    this.remotesOf = remotesOf;
    this.links = links;
    this.everyone = everyone;
    this.bound = bound;
  }

  /** Serves {@code server} until idle for {@code idle}. */
  public void serve(ServerSocketChannel server, Duration idle) throws IOException {
    new SessionServer(this, 8, idle, SessionServer.READ_DEADLINE).serve(server);
  }

  @Override
  public ServiceReply handle(String peer, ServiceRequest request) {
    long start = System.nanoTime();
    Optional<Nss.PasswdEntry> pw = Nss.user(peer);
    ServiceReply reply =
        request.path().equals("/freshen")
            ? everyone(pw, request)
            : session(peer, pw, request.json());
    // one line per request for the journal; the user name is the kernel's, the rest ours
    System.out.println(
        "user="
            + Inert.value(peer)
            + " action="
            + (request.path().equals("/freshen") ? "service-freshen" : "session-freshen")
            + " status="
            + reply.status()
            + note.get()
            + " ms="
            + (System.nanoTime() - start) / 1_000_000);
    note.remove();
    System.out.flush();
    return reply;
  }

  private ServiceReply session(String user, Optional<Nss.PasswdEntry> pw, boolean json) {
    Optional<Set<URI>> remotes =
        pw.isEmpty() || pw.get().uid() == 0 ? Optional.empty() : remotesOf.apply(user);
    if (remotes.isEmpty()) {
      return ServiceReply.refused(403, "not a user on the applied roster");
    }
    Deadline deadline = Deadline.in(bound);
    Path home = Path.of(pw.get().home());
    List<Freshener.Outcome> outcomes;
    try {
      MirrorFreshen.Target t =
          new MirrorFreshen.Target(
              user, pw.get().uid(), pw.get().gid(), home, remotes.get(), deadline);
      outcomes = freshen.run(List.of(t)).outcomes().get(user);
    } catch (IOException e) {
      outcomes = null;
    }
    if (outcomes == null) {
      return ServiceReply.refused(422, "clones the service does not handle; done in-process");
    }
    List<String> changed = new ArrayList<>();
    String problem = null;
    String linksDone = "none";
    try {
      if (links.isPresent()) {
        Optional<List<String>> made = links.get().refresh(pw.get(), deadline);
        made.ifPresent(changed::addAll);
        linksDone = made.isPresent() ? "refreshed" : "unchanged";
      }
    } catch (IOException | RuntimeException e) {
      problem = "links not refreshed: " + Freshener.shortReason(e);
      linksDone = "failed";
    }
    note.set(" links=" + linksDone);
    if (json) {
      return ServiceReply.json(
          SessionCodec.encodeSession(new SessionCodec.SessionAnswer(outcomes, changed)));
    }
    StringBuilder text = new StringBuilder();
    changed.forEach(l -> text.append("links: ").append(Inert.text(l)).append('\n'));
    for (Freshener.Outcome o : outcomes) {
      text.append(Inert.text(home.resolve(o.repo()) + ": " + o.outcome().text())).append('\n');
    }
    if (problem != null) {
      text.append("session-start: ").append(Inert.text(problem)).append('\n');
    }
    return ServiceReply.text(200, text.toString());
  }

  private ServiceReply everyone(Optional<Nss.PasswdEntry> pw, ServiceRequest request) {
    if (pw.isEmpty() || pw.get().uid() != 0) {
      return ServiceReply.refused(403, "only root freshens everyone");
    }
    String config = request.query().get("config");
    if (config == null) {
      return ServiceReply.refused(400, "which site config: config=…");
    }
    OptionalInt jobs = OptionalInt.empty();
    String j = request.query().get("jobs");
    if (j != null) {
      if (!j.matches("[1-9][0-9]{0,2}")) {
        return ServiceReply.refused(400, "jobs is a number from 1 to 999");
      }
      jobs = OptionalInt.of(Integer.parseInt(j));
    }
    Optional<String> reports =
        everyone.freshen(config, Optional.ofNullable(request.query().get("user")), jobs);
    return reports
        .map(ServiceReply::json)
        .orElseGet(() -> ServiceReply.refused(409, "the service runs with another site config"));
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
