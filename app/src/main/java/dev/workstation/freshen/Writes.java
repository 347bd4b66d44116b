package dev.workstation.freshen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/** Writing to a non-blocking channel within a deadline: a peer that stops reading holds no one. */
final class Writes {
  private Writes() {}

  /** Writes all of {@code buf} to {@code channel} (non-blocking) by {@code within}, or throws. */
  static void fully(SocketChannel channel, ByteBuffer buf, Duration within) throws IOException {
    channel.write(buf);
    if (!buf.hasRemaining()) {
      return;
    }
    long deadline = System.nanoTime() + within.toNanos();
    try (Selector selector = Selector.open()) {
      channel.register(selector, SelectionKey.OP_WRITE);
      while (buf.hasRemaining()) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new IOException("the caller did not read the answer in time");
        }
        selector.select(left);
        selector.selectedKeys().clear();
        channel.write(buf);
      }
    }
  }
}
