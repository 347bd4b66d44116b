package dev.workstation.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostFootprintTest {
  static final String ROOT = "/sys/fs/cgroup/systemd/";

  @Test
  void a_cgroup_in_the_sandbox_of_another_live_process_is_its_business() throws Exception {
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      String leaf = ROOT + CgroupLeaves.PREFIX + other.pid() + "-ws-systemd-1";
      assertTrue(HostFootprint.ofAnotherLiveSandbox(leaf + "/user.slice/user-20001.slice"));
      assertTrue(HostFootprint.ofAnotherLiveSandbox(leaf));
    } finally {
      other.destroyForcibly().waitFor();
    }
  }

  @Test
  void ours_a_dead_makers_and_any_other_cgroup_count() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    long self = ProcessHandle.current().pid();
    assertFalse(HostFootprint.ofAnotherLiveSandbox(ROOT + CgroupLeaves.PREFIX + self + "-x"));
    assertFalse(
        HostFootprint.ofAnotherLiveSandbox(
            ROOT + CgroupLeaves.PREFIX + gone.pid() + "-x/init.scope"));
    assertFalse(HostFootprint.ofAnotherLiveSandbox(ROOT + "init.scope"));
    assertFalse(HostFootprint.ofAnotherLiveSandbox(ROOT + CgroupLeaves.PREFIX + "junk"));
  }
}
