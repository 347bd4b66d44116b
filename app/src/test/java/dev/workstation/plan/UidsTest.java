package dev.workstation.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.host.FileInfo;
import dev.workstation.host.IdRange;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Uids are settled from the observed host before planning, new accounts' included. */
class UidsTest {

  static HostSnapshot host(
      Map<String, ObservedAccount> accounts,
      Set<String> without,
      Set<Integer> inUse,
      Map<String, Integer> recorded,
      IdRange range) {
    Map<String, Optional<FileInfo>> homes = new java.util.HashMap<>();
    without.forEach(u -> homes.put(u, Optional.empty()));
    return new HostSnapshot(
        accounts, homes, Set.of(), Set.of("/bin/bash"), inUse, recorded, range, Path.of("/home"));
  }

  static ObservedAccount account(String name, int uid) {
    return new ObservedAccount(
        name, uid, uid, Path.of("/home", name), "/bin/bash", Set.of(), true, Optional.empty());
  }

  @Test
  void new_accounts_get_uids_in_name_order_above_every_uid_in_use_or_recorded() {
    Uids uids =
        Uids.settle(
            host(
                Map.of("emo", account("emo", 1001)),
                Set.of("zed", "kai"),
                Set.of(1001, 1004),
                Map.of("gone", 1007),
                new IdRange(1000, 60000)));
    assertEquals(Map.of("emo", 1001, "kai", 1008, "zed", 1009), uids.byUser());
  }

  @Test
  void a_person_who_comes_back_gets_their_recorded_uid() {
    Uids uids =
        Uids.settle(
            host(
                Map.of(),
                Set.of("ann"),
                Set.of(1001),
                Map.of("ann", 1003, "bob", 1005),
                new IdRange(1000, 60000)));
    assertEquals(OptionalInt.of(1003), uids.of("ann"));
  }

  @Test
  void a_user_with_no_uid_left_is_named_and_has_none() {
    Uids uids =
        Uids.settle(host(Map.of(), Set.of("ann"), Set.of(1001), Map.of(), new IdRange(1000, 1001)));
    assertEquals(OptionalInt.empty(), uids.of("ann"));
    assertEquals(Set.of("ann"), uids.noneLeft());
  }

  @Test
  void a_new_account_is_created_with_the_uid_every_planner_saw() {
    HostSnapshot host =
        host(Map.of(), Set.of("zed"), Set.of(1001), Map.of(), new IdRange(1000, 60000));
    Uids uids = Uids.settle(host);
    Plan p = AccountPlanner.plan(AccountPlannerTest.ZED, host, uids);
    CreateAccount create = (CreateAccount) p.actions().get(0);
    assertEquals(uids.of("zed").getAsInt(), create.uid());
    assertTrue(create.uid() > 1001, create.describe());
  }

  @Test
  void with_no_uid_left_the_account_planner_warns_and_creates_nothing() {
    HostSnapshot host =
        host(Map.of(), Set.of("zed"), Set.of(1001), Map.of(), new IdRange(1000, 1001));
    Plan p = AccountPlanner.plan(AccountPlannerTest.ZED, host, Uids.settle(host));
    assertTrue(p.actions().isEmpty(), p.actions().toString());
    assertTrue(
        p.notes().stream().anyMatch(n -> n.message().startsWith("no uid left")),
        p.notes().toString());
  }
}
