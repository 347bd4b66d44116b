package dev.workstation.plan;

import static dev.workstation.plan.PlannerFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.Tier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one compare-and-write every facet's root files go through. */
class RootFilePlannerTest {
  static final Path FILE = Path.of("/etc/x.conf");

  static SurfaceFacts seen(Map<String, Optional<String>> files, Map<String, String> blocked) {
    return new SurfaceFacts(files, blocked, Map.of(), null, true);
  }

  static List<String> written(Plan p) {
    return p.actions().stream().map(a -> ((WriteFile) a).content()).toList();
  }

  @Test
  void a_file_that_already_holds_its_bytes_is_not_rewritten_and_one_that_differs_is() {
    RootFile f = RootFile.exact(Owner.BEFORE_USERS, FILE, "rw-r--r--", true, "a\n", "why");
    assertTrue(
        RootFilePlanner.plan(
                List.of(f), seen(Map.of(FILE.toString(), Optional.of("a\n")), Map.of()))
            .isEmpty());
    Plan p =
        RootFilePlanner.plan(
            List.of(f), seen(Map.of(FILE.toString(), Optional.of("b\n")), Map.of()));
    assertEquals(List.of("a\n"), written(p));
    WriteFile w = (WriteFile) p.actions().get(0);
    assertEquals(Owner.BEFORE_USERS, w.owner());
    assertEquals("rw-r--r--", w.mode());
  }

  @Test
  void a_file_whose_gate_is_closed_is_never_written() {
    RootFile f = RootFile.exact(Owner.AFTER_USERS, FILE, "rw-r--r--", false, "a\n", "why");
    assertTrue(RootFilePlanner.plan(List.of(f), seen(Map.of(), Map.of())).isEmpty());
  }

  @Test
  void exact_bytes_replace_what_cannot_be_read_but_entries_and_edits_leave_it_and_say_so() {
    Map<String, String> blocked = Map.of(FILE.toString(), "a symlink, not a regular file");
    RootFile exact = RootFile.exact(Owner.BEFORE_USERS, FILE, "rw-r--r--", true, "a\n", "why");
    assertEquals(
        List.of("a\n"), written(RootFilePlanner.plan(List.of(exact), seen(Map.of(), blocked))));
    RootFile entries = RootFile.entries(Owner.AFTER_USERS, FILE, "rw-r--r--", true, "a\n", "why");
    Plan p = RootFilePlanner.plan(List.of(entries), seen(Map.of(), blocked));
    assertTrue(p.actions().isEmpty(), p.toString());
    assertEquals(
        "/etc/x.conf is a symlink, not a regular file; not replaced", p.notes().get(0).message());
  }

  @Test
  void entries_in_other_formatting_are_kept() {
    RootFile f =
        RootFile.entries(Owner.AFTER_USERS, FILE, "rw-r--r--", true, "# ours\na=b\n", "map");
    Plan p =
        RootFilePlanner.plan(
            List.of(f), seen(Map.of(FILE.toString(), Optional.of("# theirs\na=b\n\n")), Map.of()));
    assertTrue(p.isEmpty(), p.toString());
  }

  /**
   * A per-user file keyed by uid is a declaration and nothing else: planned for an account created
   * in the same run (its uid settled before planning), in that user's lane, and not again once it
   * is there.
   */
  @Test
  void a_uid_keyed_per_user_file_is_a_declaration_for_new_and_existing_accounts_alike() {
    Planner facet =
        Planner.ofFiles(
            (desired, scope, uids) -> {
              List<RootFile> out = new ArrayList<>();
              for (AccountSpec u : scope.users()) {
                uids.of(u.osUser())
                    .ifPresent(
                        uid ->
                            out.add(
                                RootFile.exact(
                                    Owner.user(u.osUser()),
                                    Path.of("/etc/systemd/system/user-" + uid + ".slice.d/50.conf"),
                                    "rw-r--r--",
                                    true,
                                    "[Slice]\nTasksMax=100\n",
                                    "cap")));
              }
              return out;
            });
    List<AccountSpec> users =
        List.of(
            user("emo", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false),
            user("new", Tier.POWER_USER, CodeLayout.SINGLE, List.of(), false));
    Desired d = PlannerFixtures.desired(PlannerFixtures.site(), users);
    Observed o = PlannerFixtures.observed(users, Map.of(), Set.of("new"));
    int newUid = o.uids().of("new").getAsInt();
    Plan p = facet.plan(d, o, Scope.whole(users));
    assertEquals(
        List.of(
            "/etc/systemd/system/user-1001.slice.d/50.conf",
            "/etc/systemd/system/user-" + newUid + ".slice.d/50.conf"),
        p.actions().stream().map(a -> ((WriteFile) a).path().toString()).toList());
    assertEquals(
        List.of(Owner.user("emo"), Owner.user("new")),
        p.actions().stream().map(Action::owner).toList());
    Map<String, Optional<String>> there = new java.util.HashMap<>();
    p.actions()
        .forEach(
            a ->
                there.put(
                    ((WriteFile) a).path().toString(), Optional.of(((WriteFile) a).content())));
    Observed after =
        PlannerFixtures.observed(
            users, Map.of(), Set.of("new"), seen(there, Map.of()), CutFacts.none());
    assertTrue(facet.plan(d, after, Scope.whole(users)).isEmpty(), "a second run writes nothing");
  }
}
