package dev.workstation.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workstation.host.IdRange;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class UidMapTest {
  static final IdRange DEFAULT = new IdRange(1000, 60000);

  @Test
  void a_returning_person_gets_their_old_uid_back() {
    assertEquals(
        OptionalInt.of(1003),
        UidMap.choose("emo", Map.of("emo", 1003, "x", 1009), List.of(1000), DEFAULT));
  }

  @Test
  void a_newcomer_gets_one_above_every_uid_ever_recorded_never_a_departed_persons() {
    assertEquals(
        OptionalInt.of(1010),
        UidMap.choose("zed", Map.of("gone", 1009), List.of(0, 1000, 65534), DEFAULT));
  }

  @Test
  void the_login_defs_range_bounds_the_choice() {
    IdRange sandbox = new IdRange(40000, 40002);
    assertEquals(
        OptionalInt.of(40000),
        UidMap.choose("zed", Map.of("old", 1009), List.of(1000, 65534), sandbox));
    assertEquals(
        OptionalInt.empty(),
        UidMap.choose("zed", Map.of(), List.of(40002), sandbox),
        "range used up");
  }
}
