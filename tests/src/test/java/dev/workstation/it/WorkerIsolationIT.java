package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8.2: a worker holds nothing of root's. A live worker — hung on a remote that never
 * finishes, started by a reconcile run from inside root's own home — is read through {@code /proc}:
 * its working directory, umask, descriptors, capabilities and no-new-privs flag. The run itself
 * ends within the user's deadline and names the user.
 */
class WorkerIsolationIT extends SiteTest {

  static final String ROSTER =
      "users:\n"
          + "  wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}\n"
          + "  emo: {authentik_user: emil, k8s_user: emo, tier: power-user}\n";

  @Test
  void a_live_worker_has_the_users_home_as_cwd_umask_077_no_inherited_fds_and_no_capabilities()
      throws Exception {
    try (HostileRemote never = new HostileRemote(HostileRemote.Mode.TRICKLE, "")) {
      String config =
          site.configure(
              "infra: {clone_url: "
                  + never.base()
                  + "/infra.git, push_remote: forgejo, push_url: "
                  + never.base()
                  + "/infra.git, branch: master}\n"
                  + "limits: {user_timeout: 20s}\n");
      roster.commitRoster(ROSTER);
      box.exec("sh", "-c", "mkdir -p /root/admin-secrets && chmod 700 /root/admin-secrets").ok();
      List<String> run =
          new ArrayList<>(List.of("sh", "-c", "cd /root/admin-secrets && exec \"$@\"", "sh"));
      run.addAll(box.workstationArgv("--config=" + config, "reconcile"));
      long started = System.nanoTime();
      Process reconcile = box.start(run);

      // the inspect worker comes and goes; the clone's then hangs on the remote
      Poll.until(
          Duration.ofSeconds(60), "the clone reached the remote", () -> never.connections() > 0);
      String pid = awaitWorker(box, "emo");
      Map<String, String> status = status(box, pid);
      assertEquals("/home/emo", box.exec("readlink", "/proc/" + pid + "/cwd").ok().out().strip());
      assertEquals("0077", status.get("Umask"));
      for (String cap : List.of("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")) {
        assertEquals("0000000000000000", status.get(cap), cap + " of the worker");
      }
      assertEquals("1", status.get("NoNewPrivs"));
      assertTrue(status.get("Uid").matches("(\\d+)\\s+\\1\\s+\\1\\s+\\1"), status.get("Uid"));
      String fds =
          box.exec(
                  "sh",
                  "-c",
                  "cd /proc/" + pid + "/fd && for f in *; do echo \"$f $(readlink $f)\"; done")
              .ok()
              .out();
      for (String line : fds.split("\n")) {
        String target = line.substring(line.indexOf(' ') + 1);
        assertFalse(
            target.contains("reconcile.lock")
                || target.startsWith("/root")
                || target.startsWith("/var/lib/workstation"),
            "the worker holds root's descriptor " + line + "\n" + fds);
      }
      for (String fd : List.of("0", "1", "2")) {
        assertTrue(fds.contains("\n" + fd + " pipe:") || fds.startsWith(fd + " pipe:"), fds);
      }

      assertTrue(reconcile.waitFor(90, TimeUnit.SECONDS), "the run outlived emo's deadline");
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      String out = new String(reconcile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(1, reconcile.exitValue(), out);
      assertTrue(out.contains("FAILED user emo: "), out);
      assertTrue(out.contains("limits.user_timeout"), out);
      assertTrue(seconds < 20 + 25, "took " + seconds + "s for a 20s user_timeout");
    }
  }

  /** The pid (inside the sandbox) of {@code user}'s worker JVM, once it runs. */
  static String awaitWorker(Sandbox box, String user) throws Exception {
    Sandbox.Result r =
        Poll.until(
            Duration.ofSeconds(30),
            () -> box.exec("pgrep", "-u", user, "-f", "dev.workstation.worker.WorkerMain"),
            found -> found.code() == 0);
    assertEquals(0, r.code(), "no worker for " + user + " within 30s");
    return r.out().strip().split("\n")[0];
  }

  static Map<String, String> status(Sandbox box, String pid) {
    Map<String, String> out = new TreeMap<>();
    for (String line : box.exec("cat", "/proc/" + pid + "/status").ok().out().split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        out.put(line.substring(0, colon), line.substring(colon + 1).strip());
      }
    }
    return out;
  }
}
