package dev.workstation.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.input.InvalidInputException;
import dev.workstation.membership.MembershipPlan.Removal;
import dev.workstation.roster.Roster;
import dev.workstation.roster.RosterEdits;
import dev.workstation.roster.RosterParser;
import dev.workstation.roster.Tier;
import dev.workstation.roster.UserSpec;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The sync's roster edits are text edits (SPEC §4): the roster is mostly comments. The first eight
 * cases are the original provisioner's "Roster text edits" cases, ported one for one, on its own
 * live-shaped roster; the rest hold what the sync adds (dated comments naming the group, refused
 * edits becoming conflicts while the others land).
 */
class MembershipEditTest {
  static final LocalDate DAY = LocalDate.of(2026, 8, 17);
  static final String LIVE_SHAPE =
      """
      # a header comment that must survive
      users:
        wizard:    {authentik_user: vbarzin, k8s_user: wizard, tier: admin}  # trailing note
        emo:       {authentik_user: emil.barzin, k8s_user: emo, tier: power-user}
        #  a pre-existing indented comment
      # gheorghe:  {authentik_user: vabbit81, k8s_user: vabbit81, tier: namespace-owner}
      """;

  static Roster parse(String text) {
    return RosterParser.parse("roster.yaml", text.getBytes(StandardCharsets.UTF_8));
  }

  static String commentOut(String text, String user, String note) {
    return RosterEdits.removeUser("roster.yaml", text, user, note, DAY);
  }

  static MembershipEdit sync(String text, String... members) {
    MembershipPlan plan =
        MembershipPlannerTest.plan(parse(text), MembershipPlannerTest.roll(members));
    return MembershipEdit.apply("roster.yaml", text, plan, "T3 Users", DAY);
  }

  @Test
  void commenting_a_user_out_removes_them_from_the_parsed_roster() {
    String out = commentOut(LIVE_SHAPE, "emo", "left T3 Users 2026-08-17");
    assertTrue(parse(out).user("emo").isEmpty());
    assertTrue(parse(out).user("wizard").isPresent());
  }

  @Test
  void commenting_a_user_out_keeps_every_other_line_byte_identical() {
    String out = commentOut(LIVE_SHAPE, "emo", "n");
    List<String> before = LIVE_SHAPE.lines().filter(l -> !l.contains("emo:")).toList();
    List<String> after =
        out.lines().filter(l -> !l.contains("emo:") && !l.contains("removed emo")).toList();
    assertEquals(before, after);
    assertTrue(out.contains("# a header comment that must survive"));
    assertTrue(out.contains("# trailing note"));
  }

  @Test
  void commenting_a_user_out_records_the_note_and_the_original_line() {
    String out = commentOut(LIVE_SHAPE, "emo", "left T3 Users 2026-08-17");
    assertTrue(out.contains("left T3 Users 2026-08-17"));
    assertTrue(out.contains("authentik_user: emil.barzin"), "the row is kept, commented");
  }

  @Test
  void commenting_out_an_absent_user_is_an_error_not_a_silent_noop() {
    assertThrows(InvalidInputException.class, () -> commentOut(LIVE_SHAPE, "nobody", "n"));
  }

  @Test
  void a_commented_user_is_not_matched_by_the_membership_diff() {
    String out = commentOut(LIVE_SHAPE, "emo", "n");
    MembershipPlan p =
        MembershipPlannerTest.plan(parse(out), MembershipPlannerTest.roll("vbarzin"));
    assertEquals(List.of(), p.removals());
  }

  @Test
  void appending_a_user_makes_them_parse_with_the_floor_policy() {
    MembershipEdit e = sync(LIVE_SHAPE, "vbarzin", "emil.barzin", "newperson");
    UserSpec u = parse(e.text()).user("newperson").orElseThrow();
    assertEquals("newperson", u.authentikUser());
    assertEquals(Tier.NAMESPACE_OWNER, u.tier());
    assertEquals(List.of("newperson"), u.namespaces());
    assertTrue(e.text().contains("# 2026-08-17 joined T3 Users (workstation membership sync)\n"));
    assertTrue(e.text().startsWith("# a header comment that must survive\n"));
  }

  @Test
  void appending_a_user_twice_is_refused() {
    MembershipEdit once = sync(LIVE_SHAPE, "vbarzin", "emil.barzin", "newperson");
    assertThrows(
        InvalidInputException.class,
        () -> RosterEdits.addUser("roster.yaml", once.text(), once.added().get(0).row()));
  }

  @Test
  void a_round_trip_through_both_edits_leaves_the_roster_as_it_started() {
    String added = sync(LIVE_SHAPE, "vbarzin", "emil.barzin", "newperson").text();
    String removed = sync(added, "vbarzin", "emil.barzin").text();
    assertFalse(parse(removed).user("newperson").isPresent());
    assertEquals(
        parse(LIVE_SHAPE).users().keySet(),
        parse(removed).users().keySet().stream().collect(Collectors.toSet()));
  }

  @Test
  void a_leaver_is_commented_out_under_a_dated_note_naming_the_group() {
    MembershipEdit e = sync(LIVE_SHAPE, "vbarzin");
    assertEquals(List.of(new Removal("emo", "emil.barzin")), e.removed());
    assertTrue(
        e.text()
            .contains(
                "  # 2026-08-17 removed emo: left T3 Users (workstation membership sync)\n"
                    + "  # emo:       {authentik_user: emil.barzin"),
        e.text());
  }

  @Test
  void the_next_sync_on_the_edited_roster_changes_nothing() {
    MembershipEdit first = sync(LIVE_SHAPE, "vbarzin", "newperson");
    assertTrue(first.changes());
    MembershipEdit second = sync(first.text(), "vbarzin", "newperson");
    assertFalse(second.changes());
    assertEquals(first.text(), second.text());
  }

  @Test
  void an_edit_the_roster_tool_refuses_is_a_conflict_and_changes_nothing_of_that_row() {
    // a users: block written inline cannot be edited line by line: reported, not guessed at
    String inline =
        "users: {emo: {authentik_user: emil.barzin, k8s_user: emo, tier: power-user},"
            + " wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}}\n";
    MembershipEdit e = sync(inline, "vbarzin", "newperson");
    assertFalse(e.changes());
    assertEquals(inline, e.text());
    assertEquals(2, e.conflicts().size(), e.conflicts().toString());
    assertTrue(e.conflicts().get(0).startsWith("newperson: the floor row was refused: "));
    assertTrue(e.conflicts().get(1).startsWith("emo left the group, but the row was not"));
  }
}
