package dev.workstation.freshen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one caller can hold of the session service, counted rather than timed: connections (at most
 * {@link SessionServer#MAX_PER_PEER}, the rest refused on the spot), workers (idle connections take
 * none; a caller's requests take one at a time, even while it does not read its answer). Every
 * connection here comes from this process, so from one caller as the kernel names it.
 */
class SessionServerTest {
  static final String REQUEST = "GET /session-start HTTP/1.1\r\nHost: w\r\n\r\n";
  static final Duration LONG = Duration.ofMinutes(10);

  @TempDir Path dir;
  ServerSocketChannel server;
  Thread serving;
  final AtomicInteger handled = new AtomicInteger();
  final List<SocketChannel> opened = new ArrayList<>();

  void start(SessionServer.Handler handler, int workers, Duration readDeadline) throws IOException {
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(dir.resolve("session.sock")));
    SessionServer s =
        new SessionServer(
            (peer, request) -> {
              handled.incrementAndGet();
              return handler.handle(peer, request);
            },
            workers,
            LONG,
            readDeadline);
    serving =
        new Thread(
            () -> {
              try {
                s.serve(server);
              } catch (IOException e) {
                // closed by the test
              }
            });
    serving.setDaemon(true);
    serving.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (SocketChannel c : opened) {
      c.close();
    }
    if (server != null) {
      server.close();
      serving.join(60_000);
    }
  }

  SocketChannel connect() throws IOException {
    SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("session.sock")));
    opened.add(c);
    return c;
  }

  static void send(SocketChannel c, String text) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    while (b.hasRemaining()) {
      c.write(b);
    }
  }

  /** Everything the service sent on {@code c} until it closed it. */
  static String answer(SocketChannel c) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer b = ByteBuffer.allocate(64 << 10);
    while (c.read(b) >= 0) {
      out.write(b.array(), 0, b.position());
      b.clear();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  static String status(SocketChannel c) throws IOException {
    String a = answer(c);
    return a.length() >= 12 ? a.substring(0, 12) : a;
  }

  static ServiceReply ok(String peer, ServiceRequest request) {
    return ServiceReply.text(200, "done for " + peer + "\n");
  }

  @Test
  void a_caller_holds_four_idle_connections_and_every_further_one_is_refused_at_once()
      throws Exception {
    start(SessionServerTest::ok, 1, LONG);
    List<SocketChannel> held = new ArrayList<>();
    for (int i = 0; i < SessionServer.MAX_PER_PEER; i++) {
      held.add(connect());
    }
    for (int i = 0; i < 200; i++) {
      String a = answer(connect());
      assertTrue(a.startsWith("HTTP/1.1 503 "), a);
      assertTrue(a.contains("too many connections from you"), a);
    }
    // one of the four given up: its place is free again, and a request in it answered (the
    // service learns of the close when it next reads that connection: until then, 503)
    held.get(0).close();
    String a = "";
    for (int tries = 0; tries < 1000 && !a.startsWith("HTTP/1.1 200 "); tries++) {
      SocketChannel again = connect();
      try {
        send(again, REQUEST);
        a = answer(again);
      } catch (IOException e) {
        a = "refused and closed before the request was read: " + e.getMessage();
      }
    }
    assertTrue(a.startsWith("HTTP/1.1 200 "), a);
    assertEquals(1, handled.get(), "idle and refused connections never reach a worker");
  }

  @Test
  void idle_connections_hold_no_worker() throws Exception {
    start(SessionServerTest::ok, 1, LONG);
    for (int i = 0; i < SessionServer.MAX_PER_PEER - 1; i++) {
      send(connect(), "GET /session-start HTTP/1.1\r\nHo"); // a head begun, never ended
    }
    SocketChannel c = connect();
    send(c, REQUEST);
    assertEquals("HTTP/1.1 200", status(c), "answered by the one worker");
  }

  @Test
  void a_connection_that_sends_no_whole_request_in_time_is_closed_with_408() throws Exception {
    start(SessionServerTest::ok, 1, Duration.ofMillis(200));
    SocketChannel c = connect();
    send(c, "GET /session-start HTTP/1.1\r\n");
    assertEquals("HTTP/1.1 408", status(c));
    assertEquals(0, handled.get());
  }

  @Test
  void a_caller_has_one_request_worked_on_at_a_time() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch working = new CountDownLatch(1);
    start(
        (peer, request) -> {
          working.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return ok(peer, request);
        },
        4,
        LONG);
    SocketChannel first = connect();
    send(first, REQUEST);
    working.await();
    SocketChannel second = connect();
    send(second, REQUEST);
    assertEquals("HTTP/1.1 409", status(second), "three workers idle, none for a second request");
    release.countDown();
    assertEquals("HTTP/1.1 200", status(first));
    assertEquals(1, handled.get());
  }

  @Test
  void a_caller_that_does_not_read_its_answer_keeps_its_one_worker_and_gets_no_other()
      throws Exception {
    // an answer larger than the socket's buffers: its writing waits for the caller to read
    String big = "x".repeat(16 << 20);
    start((peer, request) -> ServiceReply.text(200, big), 4, LONG);
    SocketChannel first = connect();
    send(first, REQUEST);
    ByteBuffer begun = ByteBuffer.allocate(12);
    while (begun.hasRemaining() && first.read(begun) >= 0) {
      // the answer is being written: the handler is done, the writing is not
    }
    assertEquals("HTTP/1.1 200", new String(begun.array(), StandardCharsets.US_ASCII));
    SocketChannel second = connect();
    send(second, REQUEST);
    assertEquals("HTTP/1.1 409", status(second), "while the first answer is still being written");
    String rest = answer(first);
    assertEquals(big.length(), rest.length() - rest.indexOf("\r\n\r\n") - 4, "all of it, late");
    assertEquals(1, handled.get());
  }
}
