package dev.workstation.session;

import dev.workstation.git.Freshener;
import dev.workstation.worker.SessionCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
      c.write(ByteBuffer.wrap(SessionCodec.encodeRequest().getBytes(StandardCharsets.UTF_8)));
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

  /** The service's answer, repos made absolute under {@code home}; empty if it declined. */
  static Optional<List<Freshener.Outcome>> outcomes(String reply, Path home) {
    return SessionCodec.decodeReply(reply)
        .map(
            list ->
                list.stream()
                    .map(
                        o ->
                            new Freshener.Outcome(
                                home.resolve(o.repo()).toString(), o.outcome(), o.millis()))
                    .toList());
  }
}
