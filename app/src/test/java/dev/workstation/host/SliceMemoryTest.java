package dev.workstation.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's slice as its cgroup says, on a v2 and a v1 (hybrid) layout built in a temp dir: the
 * figures where they are plain, unknown — never a crash — where they are absent or odd.
 */
class SliceMemoryTest {
  @TempDir Path root;

  Path write(String rel, String content) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  static final String V2 = "user.slice/user-1001.slice/";
  static final String V1 = "memory/user.slice/user-1001.slice/";

  void v2() throws Exception {
    write("cgroup.controllers", "cpu memory pids\n");
    write(V2 + "memory.current", "1048576\n");
    write(V2 + "memory.max", "25769803776\n");
    write(V2 + "memory.events", "low 0\nhigh 0\nmax 9\noom 3\noom_kill 2\noom_group_kill 0\n");
  }

  @Test
  void cgroup_v2_gives_memory_now_the_cap_and_the_kills_from_the_slice_itself() throws Exception {
    v2();
    assertEquals(
        new SliceMemory(
            SliceMemory.State.RUNNING,
            OptionalLong.of(1 << 20),
            OptionalLong.of(24L << 30),
            OptionalLong.of(2)),
        SliceMemory.read(root, 1001));
  }

  @Test
  void a_slice_without_a_cap_says_so_on_both_layouts() throws Exception {
    v2();
    write(V2 + "memory.max", "max\n");
    assertEquals(OptionalLong.of(SliceMemory.NO_LIMIT), SliceMemory.read(root, 1001).max());
    Files.delete(root.resolve("cgroup.controllers"));
    write(V1 + "memory.usage_in_bytes", "4096\n");
    write(V1 + "memory.limit_in_bytes", "9223372036854771712\n");
    write(V1 + "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
    assertEquals(OptionalLong.of(SliceMemory.NO_LIMIT), SliceMemory.read(root, 1001).max());
  }

  @Test
  void cgroup_v1_adds_the_kills_up_over_the_slices_subtree() throws Exception {
    write(V1 + "memory.usage_in_bytes", "5070848\n");
    write(V1 + "memory.limit_in_bytes", "268435456\n");
    write(V1 + "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
    write(
        V1 + "user@1001.service/memory.oom_control",
        "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
    write(V1 + "pane.scope/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
    assertEquals(
        new SliceMemory(
            SliceMemory.State.RUNNING,
            OptionalLong.of(5070848),
            OptionalLong.of(256L << 20),
            OptionalLong.of(3)),
        SliceMemory.read(root, 1001));
  }

  @Test
  void no_slice_directory_is_a_user_who_runs_nothing() throws Exception {
    v2();
    assertEquals(SliceMemory.of(SliceMemory.State.NO_SLICE), SliceMemory.read(root, 1002));
    Files.createDirectories(root.resolve("memory"));
    Files.delete(root.resolve("cgroup.controllers"));
    assertEquals(SliceMemory.of(SliceMemory.State.NO_SLICE), SliceMemory.read(root, 1002));
  }

  @Test
  void odd_files_are_unknown_figures_and_a_linked_slice_is_not_followed() throws Exception {
    v2();
    write(V2 + "memory.current", "12 GiB\n");
    write(V2 + "memory.max", "1".repeat(5000));
    write(V2 + "memory.events", "oom_kill -1\n");
    assertEquals(
        new SliceMemory(
            SliceMemory.State.RUNNING,
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty()),
        SliceMemory.read(root, 1001));
    Files.delete(root.resolve(V2 + "memory.current"));
    Files.createSymbolicLink(root.resolve(V2 + "memory.current"), Path.of("/proc/meminfo"));
    assertEquals(OptionalLong.empty(), SliceMemory.read(root, 1001).bytes());
    Files.createSymbolicLink(root.resolve("user.slice/user-1003.slice"), root.resolve(V2));
    assertEquals(SliceMemory.of(SliceMemory.State.UNKNOWN), SliceMemory.read(root, 1003));
  }

  @Test
  void a_v1_subtree_with_an_unreadable_count_or_too_many_cgroups_has_unknown_kills()
      throws Exception {
    write(V1 + "memory.usage_in_bytes", "1\n");
    write(V1 + "memory.limit_in_bytes", "268435456\n");
    write(V1 + "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
    Files.createDirectories(root.resolve(V1 + "odd.scope"));
    assertEquals(OptionalLong.empty(), SliceMemory.read(root, 1001).oomKills());
    write(V1 + "odd.scope/memory.oom_control", "oom_kill 0\n");
    assertEquals(OptionalLong.of(0), SliceMemory.read(root, 1001).oomKills());
    for (int i = 0; i < SliceMemory.MAX_CGROUPS; i++) {
      write(V1 + "s" + i + ".scope/memory.oom_control", "oom_kill 0\n");
    }
    assertEquals(OptionalLong.empty(), SliceMemory.read(root, 1001).oomKills());
  }

  @Test
  void without_a_memory_controller_everything_is_unknown() {
    assertEquals(SliceMemory.of(SliceMemory.State.UNKNOWN), SliceMemory.read(root, 1001));
  }
}
