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

  /**
   * Red team: a user attached to their own worker JVM with the JDK's attach mechanism (same uid)
   * and made it answer root with anything. Workers now start with {@code
   * -XX:+DisableAttachMechanism}: the user's {@code jcmd} against their live worker is refused.
   */
  @Test
  void a_user_cannot_attach_to_their_own_live_worker_with_the_jdks_attach_mechanism()
      throws Exception {
    try (Sandbox box = Sandbox.open();
        RosterRepo roster = RosterRepo.create(box.dir());
        HostileRemote never = new HostileRemote(HostileRemote.Mode.TRICKLE, "")) {
      String config =
          SiteFixture.write(
                  box.dir(),
                  roster.origin().toString(),
                  "infra: {clone_url: "
                      + never.base()
                      + "/infra.git, push_remote: forgejo, push_url: "
                      + never.base()
                      + "/infra.git, branch: master}\n"
                      + "limits: {user_timeout: 20s}\n")
              .toString();
      roster.commitRoster(ROSTER);
      Process reconcile = box.start(box.workstationArgv("--config=" + config, "reconcile"));
      // the inspect worker comes and goes; the clone's then hangs on the remote
      String pid =
          Poll.until(Duration.ofSeconds(60), () -> connectedWorker(box, "emo"), p -> !p.isEmpty());
      assertFalse(pid.isEmpty(), "no worker of emo's reached the remote within 60s");
      box.write("/home/emo/Attach.java", ATTACH, "644");
      Sandbox.Result attach = box.asUser("emo", "java /home/emo/Attach.java " + pid);
      assertTrue(box.exec("test", "-d", "/proc/" + pid).code() == 0, "the worker lived through it");
      assertFalse(
          attach.out().contains("java.home"),
          "emo attached to their worker and read its properties:\n" + attach.out());
      assertTrue(reconcile.waitFor(90, TimeUnit.SECONDS), "the run outlived emo's deadline");
    }
  }

  /**
   * The JDK's attach handshake, as any same-uid process can do it (what {@code jcmd} does, without
   * its need for perf data): ask the JVM to open its attach socket, then ask it for its system
   * properties.
   */
  static final String ATTACH =
      "import java.net.UnixDomainSocketAddress;\n"
          + "import java.nio.ByteBuffer;\n"
          + "import java.nio.channels.SocketChannel;\n"
          + "import java.nio.file.*;\n"
          + "public class Attach {\n"
          + "  public static void main(String[] a) throws Exception {\n"
          + "    Path sock = Path.of(\"/proc/\" + a[0] + \"/root/tmp/.java_pid\" + a[0]);\n"
          + "    Path ask = Path.of(\"/proc/\" + a[0] + \"/cwd/.attach_pid\" + a[0]);\n"
          + "    Files.deleteIfExists(ask);\n"
          + "    Files.createFile(ask);\n"
          + "    for (int i = 0; i < 60 && !Files.exists(sock); i++) {\n"
          + "      new ProcessBuilder(\"kill\", \"-QUIT\", a[0]).start().waitFor();\n"
          + "      Thread.sleep(100);\n"
          + "    }\n"
          + "    try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {\n"
          + "      c.write(ByteBuffer.wrap(\"1\\0properties\\0\\0\\0\\0\".getBytes()));\n"
          + "      ByteBuffer b = ByteBuffer.allocate(1 << 20);\n"
          + "      while (c.read(b) > 0) {}\n"
          + "      System.out.println(new String(b.array(), 0, b.position()));\n"
          + "    }\n"
          + "  }\n"
          + "}\n";

  /** The pid (inside the sandbox) of {@code user}'s worker JVM, once it runs. */
  static String awaitWorker(Sandbox box, String user) throws Exception {
    Sandbox.Result r =
        Poll.until(
            Duration.ofSeconds(30),
            () -> box.exec("pgrep", "-u", user, "-f", "dev.workstation.asuser.WorkerMain"),
            found -> found.code() == 0);
    assertEquals(0, r.code(), "no worker for " + user + " within 30s");
    return r.out().strip().split("\n")[0];
  }

  /** A worker of {@code user}'s with a socket open (talking to a remote); "" if none. */
  static String connectedWorker(Sandbox box, String user) {
    return box.exec(
            "sh",
            "-c",
            "for p in $(pgrep -u "
                + user
                + " -f dev.workstation.asuser.WorkerMain); do"
                + " ls -l /proc/$p/fd 2>/dev/null | grep -q 'socket:' && echo $p && break; done")
        .out()
        .strip();
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
