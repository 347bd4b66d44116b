package dev.workstation.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.host.Capacity;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityCeilingTest {
  static final long GIB = 1L << 30;
  static final CapacityCeiling CEILING = new CapacityCeiling(4 * GIB, 6, 10 * GIB, true);

  @Test
  void a_host_with_room_has_no_violations() {
    assertEquals(List.of(), CEILING.violations(new Capacity(32 * GIB, 4 * GIB, 100 * GIB), 6));
  }

  @Test
  void every_way_over_the_ceiling_is_named() {
    List<String> v = CEILING.violations(new Capacity(24 * GIB, 0, 5 * GIB), 7);
    assertEquals(4, v.size(), v.toString());
    assertTrue(v.get(0).contains("7 active users exceed capacity.max_active_users 6"));
    assertTrue(v.get(1).contains("7 users × 4.0 GiB = 28.0 GiB exceeds memory 24.0 GiB"));
    assertTrue(v.get(2).contains("below capacity.min_free_disk"));
    assertTrue(v.get(3).contains("no swap"));
  }

  @Test
  void swap_is_only_required_when_configured() {
    CapacityCeiling noSwapNeeded = new CapacityCeiling(4 * GIB, 6, 10 * GIB, false);
    assertEquals(List.of(), noSwapNeeded.violations(new Capacity(32 * GIB, 0, 100 * GIB), 1));
  }
}
