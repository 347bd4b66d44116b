package dev.workstation.reconcile;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootFilesTest {
  @TempDir Path dir;

  @Test
  void regular_text_is_read_and_anything_else_is_blocked_with_what_it_is() throws Exception {
    Path text = Files.writeString(dir.resolve("a.env"), "PORT=3000\n");
    Path missing = dir.resolve("missing.env");
    Path link = Files.createSymbolicLink(dir.resolve("link.env"), text);
    Path fifo = dir.resolve("fifo.env");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Path binary = Files.write(dir.resolve("bin.env"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});

    RootFiles r = RootFiles.read(List.of(text, missing, link, fifo, binary));

    assertEquals(
        Map.of(text.toString(), Optional.of("PORT=3000\n"), missing.toString(), Optional.empty()),
        r.contents);
    assertEquals(
        Map.of(
            link.toString(), "a symlink, not a regular file",
            fifo.toString(), "a fifo, not a regular file",
            binary.toString(), "not UTF-8 text"),
        r.blocked);
  }

  @Test
  void a_file_over_the_cap_is_blocked_and_not_read_whole() throws Exception {
    Path big = dir.resolve("big.env");
    Files.write(big, new byte[RootFiles.CAP + 1]);
    RootFiles r = RootFiles.read(List.of(big));
    assertEquals(Map.of(big.toString(), "larger than " + RootFiles.CAP + " bytes"), r.blocked);
    assertEquals(Map.of(), r.contents);
  }

  /**
   * A FIFO swapped in for a regular file between the look and the open must cost a refusal, never a
   * read that waits for a writer. The path flips between a file and a FIFO (by rename, atomic)
   * while it is read {@link #READS} times; the work is bounded, not the time: the flips stop once
   * the reads are done, or after {@link #MAX_FLIPS} when a read is stuck. Then a writer offers the
   * FIFO a line, which only a read blocked in the FIFO's open would take for the file's content.
   */
  @Test
  void a_fifo_swapped_in_after_the_look_is_never_read() throws Exception {
    Path file = dir.resolve("x.env");
    Path asFile = Files.writeString(dir.resolve("file.tmp"), "A=1\n");
    Path fifo = dir.resolve("fifo.keep"); // the FIFO's inode, whatever the swaps do
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Files.copy(asFile, file);
    AtomicInteger reads = new AtomicInteger();
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    Thread reader =
        new Thread(
            () -> {
              for (int i = 0; i < READS; i++) {
                try {
                  RootFiles.read(List.of(file))
                      .contents
                      .values()
                      .forEach(c -> c.ifPresent(seen::add));
                } catch (Exception e) {
                  seen.add("error: " + e);
                }
                reads.incrementAndGet();
              }
            });
    reader.setDaemon(true);
    reader.start();
    Path spare = dir.resolve("spare");
    for (int i = 0; reads.get() < READS && i < MAX_FLIPS; i++) {
      Files.createLink(spare, i % 2 == 0 ? fifo : asFile);
      Files.move(spare, file, REPLACE_EXISTING, ATOMIC_MOVE);
    }
    Files.createLink(spare, asFile);
    Files.move(spare, file, REPLACE_EXISTING, ATOMIC_MOVE);
    while (reader.isAlive()) {
      // a read blocked in the FIFO's open waits for a writer: become one, without waiting for a
      // reader ourselves (dd opens non-blocking, and fails when nobody has the FIFO open)
      new ProcessBuilder(
              "sh",
              "-c",
              "printf 'BLOCKED\\n' | dd of=\"$1\" oflag=nonblock conv=notrunc status=none",
              "sh",
              fifo.toString())
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
      reader.join(10);
    }
    assertEquals(
        0L,
        seen.stream().filter(c -> c.contains("BLOCKED")).count(),
        "reads that waited in a FIFO's open and took what a writer offered");
  }

  static final int READS = 5_000;
  static final int MAX_FLIPS = 2_000_000;
}
