package dev.workstation.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workstation.host.SliceMemory;
import dev.workstation.metrics.TextfileMetrics;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RunMetricsTest {
  @Test
  void each_users_slice_gives_the_figures_the_cgroup_gave_and_nothing_it_did_not() {
    TextfileMetrics m = new TextfileMetrics();
    RunMetrics.memory(
        m,
        Map.of(
            "emo",
            new SliceMemory(
                SliceMemory.State.RUNNING,
                OptionalLong.of(1048576),
                OptionalLong.of(268435456),
                OptionalLong.of(2)),
            "pat",
            new SliceMemory(
                SliceMemory.State.RUNNING,
                OptionalLong.of(4096),
                OptionalLong.of(SliceMemory.NO_LIMIT),
                OptionalLong.empty()),
            "zed",
            SliceMemory.of(SliceMemory.State.NO_SLICE)));
    assertEquals(
        """
        # HELP workstation_user_memory_bytes Memory the user's slice held as the last run ended (its cgroup's count).
        # TYPE workstation_user_memory_bytes gauge
        workstation_user_memory_bytes{user="emo"} 1048576
        workstation_user_memory_bytes{user="pat"} 4096
        # HELP workstation_user_memory_max_bytes The memory cap in force on the user's slice (MemoryMax).
        # TYPE workstation_user_memory_max_bytes gauge
        workstation_user_memory_max_bytes{user="emo"} 268435456
        # HELP workstation_user_oom_kills_total Processes of the user's slice the kernel's OOM killer took since the slice started.
        # TYPE workstation_user_oom_kills_total counter
        workstation_user_oom_kills_total{user="emo"} 2
        """,
        m.text());
  }
}
