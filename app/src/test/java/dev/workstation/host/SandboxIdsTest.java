package dev.workstation.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxIdsTest {
  @TempDir Path etc;

  @Test
  void the_first_block_clear_of_every_host_account_group_and_subid_range_is_chosen()
      throws IOException {
    Files.writeString(
        etc.resolve("passwd"), "root:x:0:0::/root:/bin/sh\nbob:x:20500:20500::/h:/bin/sh\n");
    Files.writeString(etc.resolve("group"), "root:x:0:\nclub:x:22001:\n");
    Files.writeString(etc.resolve("subuid"), "bob:24000:3000\n");
    Files.writeString(etc.resolve("subgid"), "");
    // 20000-21999 holds bob, 22000-23999 the club group, 24000-27000 bob's subuids
    assertEquals(new IdRange(28000, 29999), SandboxIds.choose(etc));
  }

  @Test
  void a_host_that_uses_every_block_is_refused_rather_than_shared() throws IOException {
    Files.writeString(etc.resolve("subuid"), "big:1000:100000\n");
    IOException e = assertThrows(IOException.class, () -> SandboxIds.choose(etc));
    assertEquals(true, e.getMessage().contains("will not share ids with the host"));
  }

  @Test
  void login_defs_keep_every_other_setting_and_take_the_sandbox_range() {
    String defs =
        SandboxIds.loginDefs(
            "MAIL_DIR /var/mail\nUID_MIN 1000\n  UID_MAX\t60000\nGID_MIN 1000\n",
            new IdRange(40000, 41999));
    assertEquals(
        "MAIL_DIR /var/mail\n\n# the workstation sandbox's own id range (host ids are never handed out here)\n"
            + "UID_MIN 40000\nUID_MAX 41999\nGID_MIN 40000\nGID_MAX 41999\n",
        defs);
  }

  @Test
  void login_defs_uid_range_is_read_and_falls_back_to_shadow_utils_defaults() throws IOException {
    Path defs = etc.resolve("login.defs");
    assertEquals(LoginDefs.DEFAULT_UIDS, LoginDefs.uids(defs));
    Files.writeString(defs, "# UID_MIN 5\nUID_MIN   40000\nUID_MAX 41999\n");
    assertEquals(new IdRange(40000, 41999), LoginDefs.uids(defs));
    Files.writeString(defs, "UID_MIN 5000\nUID_MAX 10\n");
    assertEquals(LoginDefs.DEFAULT_UIDS, LoginDefs.uids(defs));
  }
}
