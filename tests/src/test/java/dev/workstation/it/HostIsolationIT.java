package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.host.IdRange;
import dev.workstation.host.SandboxIds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8.6: the sandbox never touches the host. Host processes run as exactly the uids the sandbox
 * hands out (and a few around them, and the classic first human uids); a lifecycle scenario that
 * ends a sandbox user's sessions runs; every host process must survive. ({@code DemoE2E} holds the
 * demo to the same, with host processes at its uids.) (Before the sandbox had its own PID
 * namespace, the cut's {@code pkill --uid} killed them.)
 */
class HostIsolationIT {
  final Map<Integer, Process> hostProcesses = new TreeMap<>();

  @BeforeEach
  void startHostProcesses() throws IOException {
    Sandbox.assumeAvailable();
    IdRange ids = SandboxIds.choose(Path.of("/etc"));
    List<Integer> uids = new ArrayList<>(List.of(1000, 1001, 1002, 1003));
    for (int uid = ids.min() - 3; uid <= ids.min() + 12; uid++) {
      uids.add(uid);
    }
    for (int uid : uids) {
      hostProcesses.put(
          uid,
          new ProcessBuilder(
                  "setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "sleep", "600")
              .start());
    }
  }

  @AfterEach
  void stopHostProcesses() {
    hostProcesses.values().forEach(Process::destroyForcibly);
  }

  void assertEveryHostProcessAlive() {
    List<Integer> dead = new ArrayList<>();
    hostProcesses.forEach(
        (uid, p) -> {
          if (!p.isAlive()) {
            dead.add(uid);
          }
        });
    assertEquals(List.of(), dead, "host processes (by uid) killed from inside the sandbox");
  }

  @Test
  void a_cut_ends_the_sandbox_users_processes_and_no_host_process() throws Exception {
    try (Sandbox box = Sandbox.open();
        RosterRepo roster = RosterRepo.create(box.dir())) {
      String config = SiteFixture.write(box.dir(), roster.origin().toString(), "").toString();
      roster.commitRoster(
          "users:\n"
              + "  wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}\n"
              + "  emo: {authentik_user: emil, k8s_user: emo, tier: power-user}\n");
      box.ws(config, "reconcile").ok();
      int emo = Integer.parseInt(box.exec("id", "-u", "emo").ok().out().strip());
      assertTrue(box.ids().contains(emo), "emo got uid " + emo + ", outside " + box.ids());
      assertTrue(hostProcesses.containsKey(emo), "a host process runs as emo's uid " + emo);
      Process session = box.startSession(List.of("runuser", "-u", "emo", "--", "sleep", "600"));
      box.exec("sh", "-c", "for i in $(seq 50); do pgrep -u emo sleep && exit 0; sleep 0.1; done")
          .ok();

      roster.commitRoster(
          "users:\n  wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}\n");
      Sandbox.Result cut = box.ws(config, "reconcile");
      assertEquals(0, cut.code(), cut.both());
      assertTrue(cut.out().contains("user=emo action=cut-user result=applied"), cut.out());
      assertTrue(session.waitFor(30, TimeUnit.SECONDS), "emo's session inside survived the cut");
      assertEquals(1, box.exec("pgrep", "-u", "emo").code(), "a process of emo is left inside");
    }
    assertEveryHostProcessAlive();
  }
}
