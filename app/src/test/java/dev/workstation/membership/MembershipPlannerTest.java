package dev.workstation.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.membership.MembershipPlan.Addition;
import dev.workstation.membership.MembershipPlan.Removal;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.Roster;
import dev.workstation.roster.RosterEdits.NewRow;
import dev.workstation.roster.RosterParser;
import dev.workstation.roster.Tier;
import dev.workstation.site.MembershipConfig.Floor;
import dev.workstation.site.MembershipConfig.OsUserFrom;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The group against the roster. The first seven cases are the original provisioner's membership
 * cases ({@code test_roster_engine.py}, "Membership sync"), ported one for one; the rest are what
 * SPEC §6.13 adds (two identities on one name, an existing account, deactivated and refused
 * members).
 */
class MembershipPlannerTest {
  static final Floor FLOOR =
      new Floor(Tier.NAMESPACE_OWNER, List.of("{os_user}"), Optional.of(CodeLayout.WORKSPACE));

  static Roster roster(String yaml) {
    return RosterParser.parse("roster.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  static Roll roll(String... usernames) {
    List<IdpGroup.Member> members = new ArrayList<>();
    for (String u : usernames) {
      members.add(new IdpGroup.Member(members.size() + 1, u, u, Optional.empty(), true));
    }
    return Roll.check(new IdpGroup("T3 Users", members), OsUserFrom.USERNAME);
  }

  static MembershipPlan plan(Roster r, Roll roll) {
    return MembershipPlanner.plan(r, roll, FLOOR, name -> false);
  }

  static final String EMO =
      "users: {emo: {authentik_user: emil.barzin, k8s_user: emo, tier: power-user}}";

  @Test
  void a_member_with_a_row_is_left_alone() {
    MembershipPlan p = plan(roster(EMO), roll("emil.barzin"));
    assertEquals(List.of(), p.additions());
    assertEquals(List.of(), p.removals());
    assertEquals(List.of(), p.conflicts());
    assertEquals(1, p.unchanged());
  }

  @Test
  void a_member_with_no_row_is_provisioned_at_the_floor_tier() {
    MembershipPlan p = plan(roster("users: {}"), roll("newperson"));
    assertEquals(List.of(), p.removals());
    assertEquals(1, p.additions().size());
    NewRow row = p.additions().get(0).row();
    assertEquals("newperson", row.authentikUser());
    assertEquals("newperson", row.osUser());
    assertEquals("newperson", row.k8sUser());
    assertEquals(Tier.NAMESPACE_OWNER, row.tier());
    assertEquals(List.of("newperson"), row.namespaces());
    assertEquals(Optional.of(CodeLayout.WORKSPACE), row.layout());
    assertEquals(List.of(), row.repos());
  }

  @Test
  void a_row_whose_user_left_the_group_is_commented_out() {
    Roster r =
        roster(
            "users: {emo: {authentik_user: emil.barzin, k8s_user: emo, tier: power-user},"
                + " wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}}");
    MembershipPlan p = plan(r, roll("vbarzin"));
    assertEquals(List.of(), p.additions());
    assertEquals(List.of(new Removal("emo", "emil.barzin")), p.removals());
  }

  @Test
  void an_email_shaped_group_member_matches_its_row_on_the_local_part() {
    // the IdP's usernames may be e-mails; the roster and /etc/ttyd-user-map key on the local part
    assertEquals(List.of(), plan(roster(EMO), roll("emil.barzin@gmail.com")).removals());
    assertEquals(List.of(), plan(roster(EMO), roll("emil.barzin@gmail.com")).additions());
  }

  @Test
  void an_os_name_is_sanitised_for_unix_but_the_identity_is_kept_verbatim() {
    Addition a = plan(roster("users: {}"), roll("Anca.Elena98")).additions().get(0);
    assertEquals("anca_elena98", a.row().osUser());
    assertEquals("Anca.Elena98", a.row().authentikUser());
    assertEquals(List.of("anca-elena98"), a.row().namespaces(), "a namespace has no underscore");
  }

  @Test
  void a_colliding_os_name_is_reported_rather_than_guessed() {
    // a.b and a_b both sanitise to a_b; the second must not land on the first one's account
    MembershipPlan p =
        plan(
            roster("users: {a_b: {authentik_user: a.b, k8s_user: a_b, tier: power-user}}"),
            roll("a.b", "a_b"));
    assertEquals(List.of(), p.additions());
    assertEquals(1, p.conflicts().size());
    assertTrue(p.conflicts().get(0).contains("a_b"), p.conflicts().toString());
  }

  @Test
  void an_admin_is_never_commented_out_by_the_sync() {
    // a locked-out admin could not fix the automation that locked them out
    MembershipPlan p =
        plan(
            roster("users: {wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}}"),
            roll());
    assertEquals(List.of(), p.removals());
    assertEquals(List.of("wizard"), p.protectedAdmins());
  }

  @Test
  void two_new_identities_on_one_account_name_are_both_reported_and_neither_lands() {
    MembershipPlan p = plan(roster("users: {}"), roll("a.b", "A_B"));
    assertEquals(List.of(), p.additions());
    assertEquals(
        List.of("A_B and a.b would all get the account name a_b; add their rows by hand"),
        p.conflicts());
  }

  @Test
  void a_name_an_account_on_the_host_or_a_system_account_holds_is_a_conflict() {
    MembershipPlan p =
        MembershipPlanner.plan(
            roster("users: {}"),
            roll("bob", "root", "www-data", "ok"),
            FLOOR,
            Set.of("bob")::contains);
    assertEquals(List.of("ok"), p.additions().stream().map(a -> a.row().osUser()).toList());
    String all = String.join("\n", p.conflicts());
    assertTrue(all.contains("bob: an account named bob already exists on this host"), all);
    assertTrue(all.contains("root: 'root' is a system account name"), all);
    assertTrue(all.contains("www-data: 'www-data' is a system account name"), all);
  }

  @Test
  void two_usernames_with_one_local_part_are_a_conflict_and_their_row_is_kept() {
    MembershipPlan p = plan(roster(EMO), roll("emil.barzin@gmail.com", "emil.barzin@evil.org"));
    assertEquals(List.of(), p.removals());
    assertEquals(List.of(), p.additions());
    assertTrue(p.conflicts().get(0).contains("all read as authentik_user emil.barzin"));
  }

  @Test
  void a_deactivated_member_counts_as_absent() {
    Roll r =
        Roll.check(
            new IdpGroup(
                "T3 Users",
                List.of(
                    new IdpGroup.Member(1, "emil.barzin", "Emil", Optional.empty(), false),
                    new IdpGroup.Member(2, "newperson", "N", Optional.empty(), false))),
            OsUserFrom.USERNAME);
    assertEquals(2, r.inactive());
    MembershipPlan p = plan(roster(EMO), r);
    assertEquals(List.of(new Removal("emo", "emil.barzin")), p.removals());
    assertEquals(List.of(), p.additions());
  }

  @Test
  void a_refused_member_keeps_a_row_of_theirs_and_is_a_conflict() {
    MembershipPlan p = plan(roster(EMO), roll("emil.barzin@x#y"));
    assertEquals(List.of(), p.removals(), "the row of a member we cannot read is not cut");
    assertEquals(1, p.conflicts().size());
    assertTrue(p.conflicts().get(0).startsWith("member emil.barzin@x#y was refused"));
  }

  @Test
  void a_parked_row_whose_member_left_is_commented_out_like_any_other() {
    Roster r =
        roster(
            "users: {pat: {authentik_user: pat.s, k8s_user: pat, tier: power-user, parked: true}}");
    assertEquals(List.of(new Removal("pat", "pat.s")), plan(r, roll("someone")).removals());
  }
}
