package dev.workstation.session;

import dev.workstation.git.Freshener;
import dev.workstation.input.StrictJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * session-start's side of the resident service ({@code freshen.SessionService}): ask it to freshen
 * our clones, and read the outcomes. Empty whenever the service is not there or declines (not
 * installed, not running and not socket-activated, clones it does not handle): the caller then
 * freshens in-process, as without a service. The caller bounds the wait.
 */
final class SessionClient {
  /** Where the package's socket unit listens; {@code WORKSTATION_SESSION_SOCKET} overrides it. */
  static final Path SOCKET =
      Path.of(
          System.getenv()
              .getOrDefault("WORKSTATION_SESSION_SOCKET", "/run/workstation/session.sock"));

  private SessionClient() {}

  /** A request sent to the service, its answer not read yet. */
  static final class Pending {
    private final SocketChannel channel;
    private final Path home;

    private Pending(SocketChannel channel, Path home) {
      this.channel = channel;
      this.home = home;
    }

    /** The outcomes, with repos made absolute under the home; empty if the service declined. */
    Optional<List<Freshener.Outcome>> await() {
      try (channel) {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(16 << 10);
        while (channel.read(buf) >= 0 && reply.size() < (1 << 20)) {
          reply.write(buf.array(), 0, buf.position());
          buf.clear();
        }
        return outcomes(new String(reply.toByteArray(), StandardCharsets.UTF_8), home);
      } catch (IOException | RuntimeException e) {
        return Optional.empty(); // the service went away: freshen in-process
      }
    }
  }

  /** Asks the service at {@link #SOCKET} to freshen our clones; empty when there is none. */
  static Optional<Pending> send(Path home) {
    return send(home, SOCKET);
  }

  static Optional<Pending> send(Path home, Path socket) {
    if (!Files.exists(socket)) {
      return Optional.empty();
    }
    SocketChannel c = null;
    try {
      c = SocketChannel.open(StandardProtocolFamily.UNIX);
      c.connect(UnixDomainSocketAddress.of(socket));
      c.write(ByteBuffer.wrap("{\"op\":\"freshen\"}\n".getBytes(StandardCharsets.UTF_8)));
      c.shutdownOutput();
      return Optional.of(new Pending(c, home));
    } catch (IOException | RuntimeException e) {
      if (c != null) {
        try {
          c.close();
        } catch (IOException ignored) {
          // nothing to add
        }
      }
      return Optional.empty(); // no service: freshen in-process
    }
  }

  @SuppressWarnings("unchecked")
  static Optional<List<Freshener.Outcome>> outcomes(String reply, Path home) {
    Object parsed = StrictJson.parse(reply.strip());
    if (!(parsed instanceof Map<?, ?> m) || !Boolean.TRUE.equals(m.get("ok"))) {
      return Optional.empty();
    }
    List<Freshener.Outcome> out = new ArrayList<>();
    for (Object o : (List<Object>) m.get("outcomes")) {
      Map<String, Object> e = (Map<String, Object>) o;
      String repo = (String) e.get("repo");
      if (!repo.equals("code") && !repo.startsWith("code/")) {
        throw new IllegalArgumentException("not a clone path: " + repo);
      }
      out.add(
          new Freshener.Outcome(
              home.resolve(repo).toString(),
              dev.workstation.git.FreshenOutcome.parse(String.valueOf(e.get("outcome")))
                  .orElseThrow(() -> new IllegalArgumentException("not a freshen outcome")),
              ((Number) e.get("ms")).longValue()));
    }
    return Optional.of(out);
  }
}
