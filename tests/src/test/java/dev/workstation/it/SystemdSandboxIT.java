package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.host.CgroupLeaves;
import dev.workstation.host.HostFootprint;
import dev.workstation.host.HostSentinels;
import dev.workstation.host.RunLock;
import dev.workstation.host.SystemdSandbox;
import dev.workstation.host.SystemdSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd sandbox itself (SPEC §11): a real systemd boots as its PID 1, runs units, sessions
 * and user managers, and once closed leaves the host as it was — no process, no cgroup, the host's
 * {@code /tmp} never seen (a canary there survives systemd-tmpfiles). Where systemd cannot boot it
 * says why, changing nothing.
 */
class SystemdSandboxIT {
  @TempDir Path tmp;

  @Test
  void a_booted_systemd_runs_units_and_sessions_and_leaves_nothing_on_the_host() throws Exception {
    Sandbox.assumeAvailable();
    Path scratch;
    long unitPid;
    try (HostFootprint host = HostFootprint.before(Path.of("/tmp"));
        Sandbox box = Sandbox.systemd();
        HostSentinels sentinels = HostSentinels.around(box.ids())) {
      scratch = box.dir();
      assertEquals("running", box.systemctl("is-system-running").out().strip());
      assertEquals(
          1,
          box.exec("test", "-e", host.canary().toString()).code(),
          "the host's /tmp is hidden inside (systemd-tmpfiles would empty it)");
      assertTrue(Files.isDirectory(scratch.resolve(".sandbox")));
      assertEquals(0, box.exec("test", "-d", scratch.toString()).code(), "the scratch dir is back");
      assertEquals(
          1, box.exec("test", "-e", "/usr/sbin/policy-rc.d").code(), "no policy-rc.d inside");

      // its cgroups are its own: a leaf on the host, a whole tree inside
      List<Path> leaves = leaves();
      assertFalse(leaves.isEmpty(), "a sandbox leaf in the host's hierarchies");
      box.sh(
              "test -d /sys/fs/cgroup/systemd/init.scope || test -d /sys/fs/cgroup/init.scope"
                  + " || test -d /sys/fs/cgroup/unified/init.scope")
          .ok(); // systemd's tree is at the root of its cgroup namespace: inside the leaf

      // a transient unit, a lingering user manager, a logind session of a sandbox user
      box.exec("useradd", "-m", "-s", "/bin/sh", "alice").ok();
      int uid = Integer.parseInt(box.exec("id", "-u", "alice").ok().out().strip());
      assertTrue(box.ids().contains(uid));
      box.exec("systemd-run", "--unit=probe", "--uid=alice", "sleep", "600").ok();
      box.exec("loginctl", "enable-linger", "alice").ok();
      box.startSession(List.of("runuser", "-l", "alice", "-c", "sleep 600"));
      Poll.until(
          Duration.ofSeconds(30),
          "alice's runuser session is registered with logind",
          () -> box.exec("loginctl", "list-sessions", "--no-legend").out().contains("alice"));
      Poll.until(
          Duration.ofSeconds(30),
          "alice's lingering user manager is active",
          () ->
              box.systemctl("is-active", "user@" + uid + ".service")
                  .out()
                  .strip()
                  .equals("active"));
      unitPid =
          Long.parseLong(
              box.systemctl("show", "-p", "MainPID", "--value", "probe.service").out().strip());
      assertTrue(unitPid > 0);
      // memory limits on a user's slice reach the kernel
      box.write(
          "/etc/systemd/system/user-" + uid + ".slice.d/50-cap.conf",
          "[Slice]\nMemoryMax=512M\nTasksMax=200\n",
          "0644");
      box.systemctl("daemon-reload").ok();
      assertEquals(
          "TasksMax=200",
          box.systemctl("show", "-p", "TasksMax", "user-" + uid + ".slice").out().strip());
      assertEquals(List.of(), sentinels.dead(), "host processes at the sandbox's uids");
      box.close();
      assertEquals(List.of(), sentinels.dead(), "host processes at the sandbox's uids survive");
      assertEquals(List.of(), host.changes(), "the host after the sandbox closed");
    }
    assertEquals(List.of(), leaves(), "no sandbox cgroup is left on the host");
    assertFalse(Files.exists(scratch), "the scratch dir is removed");
    assertFalse(
        ProcessHandle.allProcesses()
            .anyMatch(p -> p.info().commandLine().orElse("").contains(scratch.toString())),
        "no process of the sandbox is left");
  }

  @Test
  void without_systemd_it_says_so_and_changes_nothing() throws Exception {
    Sandbox.assumeAvailable();
    SystemdSetup none =
        new SystemdSetup(
            Path.of("/nonexistent/systemd"), tmp.resolve("lock"), Duration.ZERO, Duration.ZERO);
    Path dir = Files.createDirectory(tmp.resolve("box"));
    SystemdSandbox.Boot boot = SystemdSandbox.boot(none, dir, Sandbox.jar());
    SystemdSandbox.Unavailable u = assertInstanceOf(SystemdSandbox.Unavailable.class, boot);
    assertEquals(
        "systemd is not installed (no /nonexistent/systemd; Debian: apt-get install systemd)",
        u.reason());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(0, s.count(), "nothing was prepared");
    }
    assertEquals(List.of(), leaves());
  }

  @Test
  void while_another_sandbox_holds_the_lock_it_waits_its_bound_then_names_the_holder()
      throws Exception {
    Sandbox.assumeAvailable();
    SystemdSetup setup =
        new SystemdSetup(
            SystemdSetup.host(Duration.ZERO).systemd(),
            tmp.resolve("lock"),
            Duration.ofSeconds(1),
            Duration.ofSeconds(90));
    Path dir = Files.createDirectory(tmp.resolve("box"));
    try (RunLock other = RunLock.acquire(setup.lock())) {
      long start = System.nanoTime();
      SystemdSandbox.Boot boot = SystemdSandbox.boot(setup, dir, Sandbox.jar());
      SystemdSandbox.Unavailable u = assertInstanceOf(SystemdSandbox.Unavailable.class, boot);
      assertTrue(System.nanoTime() - start >= Duration.ofSeconds(1).toNanos(), "it waited");
      assertTrue(
          u.reason()
              .startsWith(
                  "another systemd sandbox is running on this host (pid "
                      + ProcessHandle.current().pid()
                      + ": "),
          u.reason());
      assertTrue(u.reason().contains("waited 1 s for it"), u.reason());
    }
    assertEquals(List.of(), leaves());
  }

  /** This JVM's sandbox leaves in the host's cgroup hierarchies. */
  static List<Path> leaves() throws Exception {
    String mine = CgroupLeaves.PREFIX + ProcessHandle.current().pid() + "-";
    try (Stream<Path> walk = Files.walk(Path.of("/sys/fs/cgroup"), 4)) {
      return walk.filter(p -> p.getFileName() != null)
          .filter(p -> p.getFileName().toString().startsWith(mine))
          .toList();
    }
  }
}
