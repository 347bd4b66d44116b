package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.fixtures.AuthentikFake.User;
import dev.workstation.input.JsonReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code membership sync} in the sandbox against the Authentik fake: what it refuses (each changes
 * nothing and exits 1), what it leaves to a person (conflicts, an admin not in the group: exit 1
 * after the unambiguous changes land), hostile IdP values, the dry run, announcements and metrics.
 */
class MembershipSyncIT extends SiteTest {
  TrustFixture f;
  IdpFixture idp;

  void open(String extraKeys, String... members) throws Exception {
    idp = IdpFixture.open(site).members(members);
    f = TrustFixture.open(site, TrustFixture.ROSTER, true, idp.section(extraKeys));
  }

  String head() throws Exception {
    return f.roster.git("--git-dir=" + f.roster.origin(), "rev-parse", "master").strip();
  }

  String log() throws Exception {
    return f.roster.git("--git-dir=" + f.roster.origin(), "log", "-1", "--format=%B", "master");
  }

  String metrics() throws Exception {
    return Files.readString(f.metrics.resolve("workstation-membership.prom"));
  }

  /** A refused read: exit 1, the reason on stderr, no commit, the last success kept. */
  void assertRefused(String why) throws Exception {
    String before = head();
    Sandbox.Result r = f.ws("membership", "sync");
    assertEquals(1, r.code(), r.both());
    assertTrue(r.err().contains(why), "expected '" + why + "' in:\n" + r.err());
    assertTrue(r.err().contains("nothing was changed"), r.err());
    assertFalse(r.both().contains(IdpFixture.TOKEN), "the token is never printed");
    assertEquals(before, head(), "no commit");
    assertTrue(metrics().contains("workstation_membership_last_run_exit_code 1\n"), metrics());
  }

  @Test
  void not_exactly_one_group_a_refused_token_and_an_outage_change_nothing() throws Exception {
    open("", "vbarzin", "emil", "newbie");
    idp.idp.duplicate(IdpFixture.GROUP);
    assertRefused("the IdP returned 2 groups for the name T3 Users (T3 Users, T3 Users)");
    idp.idp.group(IdpFixture.GROUP, List.of(User.of("vbarzin"), User.of("newbie")));
    idp.idp.group("Other", List.of());
    Files.writeString(idp.tokenFile, "ak-expired\n");
    assertRefused("refused the token in membership.token_file (HTTP 403): Token invalid/expired");
    Files.writeString(idp.tokenFile, IdpFixture.TOKEN + "\n");
    Sandbox.Result landed = f.ws("membership", "sync");
    assertEquals(0, landed.code(), "with the token back it lands: " + landed.both());
    String success =
        metrics().replaceAll("(?s).*workstation_membership_last_success (\\d+).*", "$1");
    idp.idp.close(); // the IdP goes away
    assertRefused("the IdP at " + idp.idp.url() + ": connection refused");
    assertTrue(metrics().contains("workstation_membership_last_success " + success + "\n"));
  }

  @Test
  void a_conflict_is_reported_and_exits_1_after_the_unambiguous_changes_land() throws Exception {
    open("", "vbarzin", "emil", "Emo", "carol");
    Sandbox.Result r = f.ws("membership", "sync");
    assertEquals(1, r.code(), r.both());
    assertTrue(r.out().contains("add          carol"), r.out());
    assertTrue(
        r.out()
            .contains(
                "conflict     Emo: the account name emo belongs to the row of authentik_user emil"),
        r.out());
    String message = log();
    assertTrue(message.startsWith("roster: membership sync of T3 Users (add 1, comment out 0)"));
    assertTrue(message.contains("\nadd carol (authentik_user carol, namespace-owner)\n"), message);
    assertTrue(message.contains("\nconflict Emo: the account name emo belongs"), message);
    assertTrue(
        idp.idp.announcements().stream().anyMatch(a -> a.contains("CONFLICT (needs a person)")));
    int announced = idp.idp.announcements().size();

    String landed = head();
    Sandbox.Result again = f.ws("membership", "sync");
    assertEquals(1, again.code(), "still needs a person");
    assertEquals(landed, head(), "nothing more to commit");
    assertEquals(announced, idp.idp.announcements().size(), "a conflict is announced once");
    assertTrue(metrics().contains("workstation_membership_changes{kind=\"conflict\"} 1\n"));
  }

  @Test
  void an_admin_who_is_not_in_the_group_is_kept_and_reported() throws Exception {
    open("", "emil");
    String before = head();
    Sandbox.Result r = f.ws("membership", "sync");
    assertEquals(1, r.code(), r.both());
    assertTrue(r.out().contains("kept         wizard  an admin not in the group"), r.out());
    assertEquals(before, head());
    assertTrue(metrics().contains("workstation_membership_changes{kind=\"protected\"} 1\n"));
  }

  @Test
  void hostile_idp_values_never_reach_the_roster_or_the_terminal_raw() throws Exception {
    open("");
    String evil = "\u001b]0;pwned\u0007\u001b[2J";
    idp.idp.group(
        IdpFixture.GROUP,
        List.of(
            User.of("vbarzin"),
            User.of("emil"),
            new User("mallory", evil + " Mallory\nroot=x", "m@example.org", true),
            new User("big", "B".repeat(1 << 20), "b@example.org", true),
            new User("evil#x=y\n" + evil, "E", "e@example.org", true)));
    Sandbox.Result r = f.ws("membership", "sync");
    assertEquals(1, r.code(), "a refused member needs a person: " + r.both());
    for (String out : List.of(r.out(), r.err(), log())) {
      assertFalse(out.contains("\u001b") || out.contains("\u0007"), "raw control bytes:\n" + out);
    }
    assertTrue(r.out().contains("(\\x1b]0;pwned\\x07\\x1b[2J Mallory\\nroot=x)"), r.out());
    assertTrue(r.out().contains("member evil#x=y\\n\\x1b]0;pwned"), r.out());
    assertTrue(r.out().length() < 20_000, "a megabyte display name is shown shortened");
    String roster =
        f.roster.git("--git-dir=" + f.roster.origin(), "show", "master:" + RosterRepo.PATH);
    assertTrue(roster.contains("  mallory: {authentik_user: mallory,"), roster);
    assertTrue(roster.contains("  big: {authentik_user: big,"), roster);
    assertFalse(roster.contains("pwned") || roster.contains("evil") || roster.contains("BBB"));
  }

  @Test
  void a_dry_run_prints_the_diff_exits_2_and_commits_nothing() throws Exception {
    open("", "vbarzin", "newbie");
    String before = head();
    Sandbox.Result r = f.ws("membership", "sync", "--dry-run");
    assertEquals(2, r.code(), r.both());
    assertTrue(r.out().contains("\n+  newbie: {authentik_user: newbie"), r.out());
    assertTrue(r.out().contains("\n+  # emo: {authentik_user: emil"), r.out());
    assertTrue(r.out().contains("\n-  emo: {authentik_user: emil"), r.out());
    assertTrue(r.out().contains("dry run: nothing committed (exit 2: changes pending)"));
    assertEquals(before, head());
    assertEquals(List.of(), idp.idp.announcements());
    assertFalse(Files.exists(f.metrics.resolve("workstation-membership.prom")), "not recorded");

    Sandbox.Result json = f.ws("--json", "membership", "sync", "--dry-run");
    assertEquals(2, json.code());
    Map<String, Object> j = JsonReader.object("out", json.out());
    assertEquals(true, j.get("dry_run"));
    assertEquals("newbie", ((Map<?, ?>) ((List<?>) j.get("added")).get(0)).get("os_user"));
    assertEquals("emo", ((Map<?, ?>) ((List<?>) j.get("commented_out")).get(0)).get("os_user"));
  }

  @Test
  void a_failing_announcement_is_a_warning_and_the_commit_stays() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    idp = IdpFixture.open(site).members("vbarzin", "emil", "newbie");
    String section =
        idp.section("")
            .replace(idp.idp.hookUrl(), "http://127.0.0.1:" + closed + "/hooks/T0/SECRET-PATH");
    f = TrustFixture.open(site, TrustFixture.ROSTER, true, section);
    String before = head();
    Sandbox.Result r = f.ws("membership", "sync");
    assertEquals(0, r.code(), r.both());
    assertTrue(
        r.err()
            .contains(
                "warning: announcement to http://127.0.0.1:"
                    + closed
                    + " failed (connection refused); the commit stays"),
        r.err());
    assertFalse(r.both().contains("SECRET-PATH"), "the hook's path is a secret");
    assertFalse(before.equals(head()), "committed");
    assertTrue(metrics().contains("workstation_membership_changes{kind=\"added\"} 1\n"));
    assertTrue(metrics().contains("workstation_membership_last_run_exit_code 0\n"));
  }

  @Test
  void doctor_checks_the_token_file_and_that_the_idp_answers_for_the_group() throws Exception {
    open("", "vbarzin", "emil");
    Sandbox.Result ok = f.ws("doctor");
    assertTrue(
        ok.out().contains("OK    membership") && ok.out().contains("T3 Users: 2 active members"),
        ok.out());
    f.box.exec("chmod", "0644", idp.tokenFile.toString()).ok();
    Sandbox.Result open = f.ws("doctor");
    assertEquals(1, open.code());
    assertTrue(open.out().contains("is readable by others (mode 644)"), open.out());
    f.box.exec("chmod", "0600", idp.tokenFile.toString()).ok();
    Files.writeString(idp.tokenFile, "ak-expired\n");
    Sandbox.Result refused = f.ws("doctor");
    assertTrue(refused.out().contains("refused the token in membership.token_file"), refused.out());
    assertFalse(refused.out().contains(IdpFixture.TOKEN));
  }
}
