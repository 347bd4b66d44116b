package dev.workstation.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Workstation's own client of the session service (the launcher's is {@code curl}): one {@code GET}
 * over the Unix socket, sent at once so the service starts while the caller goes on, and the answer
 * read later within a deadline and a size cap. Empty whenever there is no service or no well-formed
 * answer; the caller then does the work itself.
 */
public final class ServiceCall {
  /** Where the package's socket unit listens. */
  public static final Path SOCKET = Path.of("/run/workstation/session.sock");

  static final int MAX_ANSWER = 16 << 20;

  /** An answer: its status and body. */
  public record Answer(int status, String body) {}

  private final SocketChannel channel;

  private ServiceCall(SocketChannel channel) {
    this.channel = channel;
  }

  /** Sends {@code GET target} to the service at {@code socket}; empty when none listens. */
  public static Optional<ServiceCall> send(Path socket, String target) {
    if (!Files.exists(socket)) {
      return Optional.empty();
    }
    SocketChannel c = null;
    try {
      c = SocketChannel.open(StandardProtocolFamily.UNIX);
      c.connect(UnixDomainSocketAddress.of(socket));
      String request =
          "GET " + target + " HTTP/1.1\r\nHost: workstation\r\nConnection: close\r\n\r\n";
      c.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
      return Optional.of(new ServiceCall(c));
    } catch (IOException | RuntimeException e) {
      if (c != null) {
        try {
          c.close();
        } catch (IOException ignored) {
          // nothing to add
        }
      }
      return Optional.empty();
    }
  }

  /** The answer, read by {@code within}; empty when none came (in time, whole, well-formed). */
  public Optional<Answer> await(Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    try (channel;
        Selector selector = Selector.open()) {
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ);
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      ByteBuffer buf = ByteBuffer.allocate(64 << 10);
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0 || got.size() > MAX_ANSWER) {
          return Optional.empty();
        }
        selector.select(left);
        selector.selectedKeys().clear();
        int n = channel.read(buf);
        if (n < 0) {
          break;
        }
        got.write(buf.array(), 0, buf.position());
        buf.clear();
      }
      return parse(got.toByteArray());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {@code HTTP/1.1 NNN …}, headers, an empty line, then exactly Content-Length bytes. */
  static Optional<Answer> parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0 || !text.matches("(?s)HTTP/1\\.1 [1-5][0-9][0-9] .*")) {
      return Optional.empty();
    }
    int status = Integer.parseInt(text.substring(9, 12));
    String body = text.substring(end + 4);
    for (String line : text.substring(0, end).split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        String n = line.substring(15).strip();
        if (!n.matches("[0-9]{1,9}")
            || Integer.parseInt(n) != body.getBytes(StandardCharsets.UTF_8).length) {
          return Optional.empty(); // cut short
        }
      }
    }
    return Optional.of(new Answer(status, body));
  }

  /** A query value, percent-encoded (everything but unreserved characters and {@code /}). */
  public static String encode(String value) {
    StringBuilder b = new StringBuilder();
    for (byte x : value.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '/') {
        b.append((char) c);
      } else {
        b.append('%').append(String.format("%02X", c));
      }
    }
    return b.toString();
  }
}
