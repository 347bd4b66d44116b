package dev.workstation.claudeauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Root's records of the users' token accessors: private from the start, read strictly. */
class TokenRecordsTest {
  @TempDir Path state;

  @Test
  void a_record_is_made_private_and_replaced_and_forgotten() throws Exception {
    TokenRecords r = new TokenRecords(state);
    assertEquals(Map.of(), r.read());
    r.record("emo", "hvs.Acc1");
    r.record("kai", "acc2");
    r.record("emo", "acc3");
    assertEquals(Map.of("emo", "acc3", "kai", "acc2"), r.read());
    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(r.dir())));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(r.dir().resolve("emo"))));
    r.forget("emo");
    r.forget("nobody");
    assertEquals(Map.of("kai", "acc2"), r.read());
  }

  @Test
  void anything_but_a_record_is_refused_naming_the_file() throws Exception {
    TokenRecords r = new TokenRecords(state);
    r.record("emo", "acc1");
    Files.writeString(r.dir().resolve("kai"), "two\nlines\n");
    IOException e = assertThrows(IOException.class, r::read);
    assertTrue(
        e.getMessage().endsWith("kai does not hold one accessor; remove it"), e.getMessage());
    Files.delete(r.dir().resolve("kai"));
    Files.createSymbolicLink(r.dir().resolve("zed"), Path.of("/etc/passwd"));
    assertTrue(
        assertThrows(IOException.class, r::read).getMessage().contains("not a token record"));
    assertThrows(IllegalArgumentException.class, () -> r.record("../root", "acc"));
  }
}
