package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox itself: real tools work inside, and the host's account files stay byte-identical. */
class SandboxIT {

  @Test
  void accounts_made_inside_never_reach_the_host() throws Exception {
    Sandbox.assumeAvailable();
    Map<Path, String> before = Sandbox.hashes();
    try (Sandbox box = Sandbox.open()) {
      box.exec("useradd", "-m", "-s", "/bin/bash", "sandboxed-alice").ok();
      box.exec("groupadd", "sandboxed-club").ok();
      box.exec("gpasswd", "-a", "sandboxed-alice", "sandboxed-club").ok();
      box.exec("passwd", "-l", "sandboxed-alice").ok();
      box.exec("chage", "-E", "0", "sandboxed-alice").ok();
      assertEquals(
          "sandboxed-alice",
          box.exec("runuser", "-u", "sandboxed-alice", "--", "id", "-un").ok().out().strip());
      assertEquals(
          "sandboxed-alice",
          box.exec(
                  "setpriv",
                  "--reuid=sandboxed-alice",
                  "--regid=sandboxed-alice",
                  "--init-groups",
                  "id",
                  "-un")
              .ok()
              .out()
              .strip());
      assertTrue(
          box.exec("stat", "-c", "%U", "/home/sandboxed-alice")
              .ok()
              .out()
              .contains("sandboxed-alice"));
      assertNotEquals(
          0,
          new ProcessBuilder("getent", "passwd", "sandboxed-alice").start().waitFor(),
          "visible on the host");
      assertTrue(!Files.exists(Path.of("/home/sandboxed-alice")), "home leaked to the host");
    }
    assertEquals(
        before, Sandbox.hashes(), "/etc/passwd, group, shadow, gshadow must be byte-identical");
  }
}
