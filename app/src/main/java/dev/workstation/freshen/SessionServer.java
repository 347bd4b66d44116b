package dev.workstation.freshen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.net.ExtendedSocketOptions;

/**
 * The session service's connections, bounded per caller so that nobody can slow anyone else down (a
 * slowloris from one local user must not delay another's session launch). One selector thread
 * accepts every connection at once and asks the kernel who made it ({@code SO_PEERCRED}); a caller
 * holds at most {@link #MAX_PER_PEER} connections (more are answered 503 and closed on the spot),
 * has {@link #READ_DEADLINE} (from when it was accepted) to send a request ({@link ServiceRequest}:
 * a small, strict head), and has at most one request being worked on (another gets 409). Complete
 * requests go to a pool of workers; answers are written within {@link #WRITE_DEADLINE}. So idle or
 * slow connections cost one selector key each and never a worker, and one caller can hold one
 * worker at most.
 */
final class SessionServer {
  static final int MAX_PER_PEER = 4;
  static final int MAX_OPEN = 512;
  static final Duration READ_DEADLINE = Duration.ofSeconds(2);
  static final Duration WRITE_DEADLINE = Duration.ofSeconds(10);

  /** What the service does with one request from one caller (named by the kernel). */
  interface Handler {
    ServiceReply handle(String peer, ServiceRequest request);
  }

  /** A connection being read: who, what it sent so far, until when it may. */
  private final class Conn {
    final SocketChannel channel;
    final String peer;
    final byte[] head = new byte[ServiceRequest.MAX_HEAD];
    int length;
    final long deadline = System.nanoTime() + readDeadline.toNanos();
    private boolean closed;

    Conn(SocketChannel channel, String peer) {
      this.channel = channel;
      this.peer = peer;
    }

    /** Answers (as much as fits now, when reading is over) and closes, once. */
    synchronized void end(ServiceReply reply) {
      if (closed) {
        return;
      }
      closed = true;
      try (channel) {
        if (reply != null) {
          channel.write(ByteBuffer.wrap(reply.bytes()));
        }
      } catch (IOException e) {
        // the caller went away
      }
      release(peer);
    }
  }

  private final Handler handler;
  private final int workers;
  private final Duration idle;
  private final Duration readDeadline;
  private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
  private final Set<String> working = ConcurrentHashMap.newKeySet();
  private final AtomicInteger total = new AtomicInteger();
  private volatile long lastActivity = System.nanoTime();

  /**
   * @param idle how long the service waits with no connection before it ends
   * @param readDeadline how long a caller has to send a whole request ({@link #READ_DEADLINE})
   */
  SessionServer(Handler handler, int workers, Duration idle, Duration readDeadline) {
    this.handler = handler;
    this.workers = workers;
    this.idle = idle;
    this.readDeadline = readDeadline;
  }

  /** Serves {@code server} until nothing has happened for the idle time. */
  void serve(ServerSocketChannel server) throws IOException {
    server.configureBlocking(false);
    ExecutorService pool = Executors.newFixedThreadPool(workers, SessionService.daemon("session"));
    try (Selector selector = Selector.open()) {
      server.register(selector, SelectionKey.OP_ACCEPT);
      while (server.isOpen()) {
        selector.select(200);
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            acceptAll(server, selector);
          } else if (key.isReadable()) {
            read(key, pool);
          }
        }
        expire(selector);
        if (total.get() == 0 && System.nanoTime() - lastActivity > idle.toNanos()) {
          break;
        }
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

  private void acceptAll(ServerSocketChannel server, Selector selector) throws IOException {
    for (SocketChannel c = server.accept(); c != null; c = server.accept()) {
      lastActivity = System.nanoTime();
      String peer;
      try {
        c.configureBlocking(false);
        peer = c.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName();
      } catch (IOException | RuntimeException e) {
        c.close();
        continue;
      }
      int mine = open.computeIfAbsent(peer, k -> new AtomicInteger()).incrementAndGet();
      total.incrementAndGet();
      Conn conn = new Conn(c, peer);
      if (mine > MAX_PER_PEER || total.get() > MAX_OPEN) {
        conn.end(ServiceReply.refused(503, "too many connections from you; try again"));
        continue;
      }
      c.register(selector, SelectionKey.OP_READ, conn);
    }
  }

  private void read(SelectionKey key, ExecutorService pool) {
    Conn conn = (Conn) key.attachment();
    ServiceRequest.Parsed parsed;
    try {
      ByteBuffer into = ByteBuffer.wrap(conn.head, conn.length, conn.head.length - conn.length);
      int n = conn.channel.read(into);
      if (n < 0) {
        key.cancel();
        conn.end(null);
        return;
      }
      conn.length += n;
      parsed = ServiceRequest.parse(conn.head, conn.length);
    } catch (IOException e) {
      key.cancel();
      conn.end(null);
      return;
    }
    if (parsed instanceof ServiceRequest.Refused r) {
      key.cancel();
      conn.end(ServiceReply.refused(r.status(), r.reason()));
    } else if (parsed instanceof ServiceRequest.Complete c) {
      key.cancel();
      if (!working.add(conn.peer)) {
        conn.end(ServiceReply.refused(409, "your previous request is still being worked on"));
        return;
      }
      pool.submit(() -> work(conn, c.request()));
    }
  }

  private void work(Conn conn, ServiceRequest request) {
    // the caller's one worker is theirs until the answer is written: one that stops reading holds
    // it (up to the write deadline), never a second one
    try {
      ServiceReply reply;
      try {
        reply = handler.handle(conn.peer, request);
      } catch (RuntimeException e) {
        reply = ServiceReply.refused(500, "the service failed; session-start does it itself");
      }
      Writes.fully(conn.channel, ByteBuffer.wrap(reply.bytes()), WRITE_DEADLINE);
    } catch (IOException e) {
      // the caller went away or stopped reading
    } finally {
      conn.end(null);
      working.remove(conn.peer);
      lastActivity = System.nanoTime();
    }
  }

  /** Closes connections that did not send a whole request in time. */
  private void expire(Selector selector) {
    long now = System.nanoTime();
    for (SelectionKey key : selector.keys()) {
      if (key.attachment() instanceof Conn conn && key.isValid() && now - conn.deadline > 0) {
        key.cancel();
        conn.end(ServiceReply.refused(408, "no complete request in time"));
      }
    }
  }

  private void release(String peer) {
    total.decrementAndGet();
    open.computeIfPresent(peer, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
  }
}
