package dev.workstation.freshen;

import dev.workstation.git.Freshener;
import dev.workstation.host.Nss;
import dev.workstation.util.Deadline;
import dev.workstation.util.Inert;
import dev.workstation.worker.SessionCodec;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The resident side of {@code session-start}: a root service on a Unix socket (socket-activated by
 * systemd; see {@code systemd/workstation-session.socket}) that freshens the clones of whoever
 * connects — the kernel tells it who ({@code SO_PEERCRED}); nothing the client says can name
 * another user. It does for that one user what the hourly freshen does for everyone ({@link
 * MirrorFreshen}: the user's own credentials checked against the server, one fetch into the mirror,
 * bundles, the user's own git fast-forwarding), with connections, TLS sessions and compiled code
 * already warm, so a session launch pays one round trip instead of a JVM's TLS start-up.
 *
 * <p>One request per connection, one JSON line each way: {@code {"op":"freshen"}} answered by
 * {@code {"ok":true,"outcomes":[{repo,outcome,ms}]}}, or {@code {"ok":false,"reason":…}} when the
 * client must do it itself (clones of another shape, not on the roster). One run per user at a
 * time; requests are small and read within a deadline; the process exits when idle and systemd
 * starts it again on the next connection.
 */
public final class SessionService {
  static final int MAX_REQUEST = 4096;
  static final Duration READ_DEADLINE = Duration.ofSeconds(5);

  private final MirrorFreshen freshen;
  private final Function<String, Optional<Set<URI>>> remotesOf;
  private final Duration idle;
  private final Duration bound;
  private final Map<String, Boolean> busy = new ConcurrentHashMap<>();
  private volatile long lastActivity = System.nanoTime();
  private final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * @param remotesOf the site remotes of a user on the applied roster, empty for anyone else
   * @param bound all the work of one request ({@code freshen.session_timeout}: the client stops
   *     waiting then anyway)
   */
  public SessionService(
      MirrorFreshen freshen,
      Function<String, Optional<Set<URI>>> remotesOf,
      Duration bound,
      Duration idle) {
    this.freshen = freshen;
    this.remotesOf = remotesOf;
    this.bound = bound;
    this.idle = idle;
  }

  /** Serves {@code server} until idle for {@link #idle}. */
  public void serve(ServerSocketChannel server) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(8, daemon("session-service"));
    Thread watchdog =
        new Thread(
            () -> {
              while (true) {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  return;
                }
                if (inFlight.get() == 0 && System.nanoTime() - lastActivity > idle.toNanos()) {
                  try {
                    server.close(); // accept() below then ends the loop
                  } catch (IOException e) {
                    // closing anyway
                  }
                  return;
                }
              }
            },
            "session-service-idle");
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      while (server.isOpen()) {
        SocketChannel c;
        try {
          c = server.accept();
        } catch (java.nio.channels.AsynchronousCloseException e) {
          break;
        }
        lastActivity = System.nanoTime();
        inFlight.incrementAndGet();
        pool.submit(
            () -> {
              try (c) {
                handle(c);
              } catch (IOException | RuntimeException e) {
                // a client that went away or spoke garbage: nothing to answer
              } finally {
                lastActivity = System.nanoTime();
                inFlight.decrementAndGet();
              }
            });
      }
    } finally {
      pool.shutdown();
      try {
        pool.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  void handle(SocketChannel c) throws IOException {
    long start = System.nanoTime();
    UnixDomainPrincipal peer = c.getOption(ExtendedSocketOptions.SO_PEERCRED);
    String user = peer.user().getName();
    Optional<Nss.PasswdEntry> pw = Nss.user(user);
    String request = readRequest(c);
    Optional<Set<URI>> remotes = pw.isEmpty() ? Optional.empty() : remotesOf.apply(user);
    List<Freshener.Outcome> outcomes = null;
    String declined;
    if (!SessionCodec.isFreshenRequest(request)) {
      declined = "unknown request";
    } else if (pw.isEmpty() || pw.get().uid() == 0 || remotes.isEmpty()) {
      declined = "not a user on the applied roster";
    } else if (busy.putIfAbsent(user, Boolean.TRUE) != null) {
      declined = "a session-start for this user is already running";
    } else {
      try {
        MirrorFreshen.Target t =
            new MirrorFreshen.Target(
                user,
                pw.get().uid(),
                pw.get().gid(),
                Path.of(pw.get().home()),
                remotes.get(),
                Deadline.in(bound));
        MirrorFreshen.Result r = freshen.run(List.of(t));
        outcomes = r.outcomes().get(user);
        declined = outcomes == null ? "clones the service does not handle" : null;
      } finally {
        busy.remove(user);
      }
    }
    String reply =
        outcomes != null
            ? SessionCodec.encodeOutcomes(outcomes)
            : SessionCodec.encodeDecline(declined);
    c.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8)));
    // one line per request for the journal; the reason is ours, the user name from NSS
    System.out.println(
        "user="
            + Inert.value(user)
            + " action=session-freshen result="
            + (outcomes != null
                ? "ok repos=" + outcomes.size()
                : "declined reason=" + Inert.value(declined))
            + " ms="
            + (System.nanoTime() - start) / 1_000_000);
    System.out.flush();
  }

  /** One JSON line, at most {@link #MAX_REQUEST} bytes, within {@link #READ_DEADLINE}. */
  private static String readRequest(SocketChannel c) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(MAX_REQUEST);
    long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
    c.configureBlocking(false);
    try (java.nio.channels.Selector sel = java.nio.channels.Selector.open()) {
      c.register(sel, java.nio.channels.SelectionKey.OP_READ);
      while (true) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new IOException("request not sent in time");
        }
        sel.select(left);
        sel.selectedKeys().clear();
        if (c.read(buf) < 0 || !buf.hasRemaining()) {
          break;
        }
        if (buf.position() > 0 && buf.get(buf.position() - 1) == '\n') {
          break;
        }
      }
    }
    c.configureBlocking(true);
    return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
