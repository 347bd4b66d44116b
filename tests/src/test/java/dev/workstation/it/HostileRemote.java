package dev.workstation.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A git "server" on loopback that a hostile or broken remote stands in for: {@link Mode#TRICKLE}
 * answers every request with a smart-HTTP advertisement that arrives one byte a second and never
 * ends (each byte resets an inactivity timeout, so only a real deadline stops the reader); {@link
 * Mode#ERR} answers with a pkt-line {@code ERR} carrying whatever message it is given — escape
 * sequences, CR, LF and forged log records included.
 */
final class HostileRemote implements AutoCloseable {
  enum Mode {
    TRICKLE,
    ERR
  }

  private final ServerSocket server;
  private final Mode mode;
  private final String message;
  private final List<Socket> open = new ArrayList<>();

  HostileRemote(Mode mode, String message) throws IOException {
    this.mode = mode;
    this.message = message;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "hostile-remote");
    t.setDaemon(true);
    t.start();
  }

  /** {@code http://127.0.0.1:PORT} — repositories under it are all this remote. */
  String base() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** How many connections it has accepted so far. */
  int connections() {
    synchronized (open) {
      return open.size();
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        synchronized (open) {
          open.add(s);
        }
        Thread t = new Thread(() -> serve(s), "hostile-remote-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s;
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream()) {
      readHeaders(in);
      out.write(
          ("HTTP/1.1 200 OK\r\n"
                  + "Content-Type: application/x-git-upload-pack-advertisement\r\n"
                  + "Cache-Control: no-cache\r\n"
                  + (mode == Mode.ERR ? "Connection: close\r\n" : "")
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      if (mode == Mode.ERR) {
        out.write(pkt("# service=git-upload-pack\n"));
        out.write("0000".getBytes(StandardCharsets.US_ASCII));
        out.write(pkt("ERR " + message));
        out.flush();
        return;
      }
      byte[] never = ("001e# service=git-upload-pack\n0000fff0" + "0".repeat(65_000)).getBytes();
      for (byte b : never) {
        out.write(b);
        out.flush();
        Thread.sleep(1000);
      }
    } catch (IOException | InterruptedException e) {
      // the client gave up (or was killed): that is the point
    }
  }

  private static void readHeaders(InputStream in) throws IOException {
    int state = 0; // counts the bytes of "\r\n\r\n" seen in a row
    while (state < 4) {
      int c = in.read();
      if (c < 0) {
        return;
      }
      state = (c == '\r' && state % 2 == 0) || (c == '\n' && state % 2 == 1) ? state + 1 : 0;
    }
  }

  private static byte[] pkt(String payload) {
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    return (String.format("%04x", body.length + 4) + payload).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (open) {
      for (Socket s : open) {
        s.close();
      }
    }
  }
}
