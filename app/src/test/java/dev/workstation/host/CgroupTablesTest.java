package dev.workstation.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CgroupTablesTest {
  static final List<String> HYBRID =
      List.of(
          "9:name=systemd:/",
          "8:pids:/",
          "4:memory:/process_api/5459f4",
          "2:cpu,cpuacct:/a",
          "0::/");

  @Test
  void a_v1_hierarchy_is_found_by_its_controllers_in_any_order() {
    assertEquals("/a", CgroupTables.ownPath(HYBRID, "cgroup", "cpuacct,cpu"));
    assertEquals("/process_api/5459f4", CgroupTables.ownPath(HYBRID, "cgroup", "memory"));
    assertEquals("/", CgroupTables.ownPath(HYBRID, "cgroup", "name=systemd"));
  }

  @Test
  void cgroup2_is_the_line_with_id_0_and_no_controllers() {
    assertEquals("/", CgroupTables.ownPath(HYBRID, "cgroup2", "none"));
    assertNull(CgroupTables.ownPath(List.of("4:memory:/x"), "cgroup2", "none"));
  }

  @Test
  void a_hierarchy_this_process_is_not_in_has_no_path() {
    assertNull(CgroupTables.ownPath(HYBRID, "cgroup", "freezer"));
  }

  @Test
  void a_mounts_hierarchy_is_its_controllers_and_name_without_flags() {
    CgroupTables.Mount m =
        new CgroupTables.Mount(
            java.nio.file.Path.of("/sys/fs/cgroup/systemd"),
            "cgroup",
            List.of("rw", "xattr", "release_agent=/x", "name=systemd"));
    assertEquals("name=systemd", m.hierarchy(Set.of("memory", "cpu")));
    CgroupTables.Mount cpu =
        new CgroupTables.Mount(
            java.nio.file.Path.of("/sys/fs/cgroup/cpu,cpuacct"),
            "cgroup",
            List.of("rw", "cpuacct", "cpu"));
    assertEquals("cpu,cpuacct", cpu.hierarchy(Set.of("cpu", "cpuacct")));
  }

  @Test
  void mountinfo_octal_escapes_are_undone() {
    assertEquals("/sys/fs/cgroup/a b", CgroupTables.unescape("/sys/fs/cgroup/a\\040b"));
    assertEquals("/plain\\x", CgroupTables.unescape("/plain\\x"));
  }
}
