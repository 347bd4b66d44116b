package dev.workstation.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
}
