package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reconcile of accounts on a real (sandboxed) host, from a real committed roster roster. */
class ReconcileAccountsIT extends SiteTest {

  static final String THREE_TIERS =
      """
      # the devvm roster
      users:
        wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}
        emo: {authentik_user: emil.barzin, k8s_user: emo, tier: power-user}
        anca:
          authentik_user: ancaelena98
          k8s_user: anca
          tier: namespace-owner
          namespaces: [plotting-book]
      """;

  @BeforeEach
  void setUp() throws Exception {
    site.configure("");
    site.adminGroups();
  }

  boolean exists(String user) {
    return box.exec("getent", "passwd", user).code() == 0;
  }

  @Test
  void reconcile_creates_every_tier_with_private_homes_locked_passwords_and_admin_groups()
      throws Exception {
    roster.commitRoster(THREE_TIERS);
    Sandbox.Result r = site.ws("reconcile").ok();
    assertTrue(r.out().contains("user=wizard action=create-account result=applied"), r.out());
    for (String user : List.of("wizard", "emo", "anca")) {
      String stat = box.exec("stat", "-c", "%a %U %G", "/home/" + user).ok().out().strip();
      assertEquals("700 " + user + " " + user, stat);
      String status = box.exec("passwd", "-S", user).ok().out();
      assertEquals("L", status.split(" ")[1], "password of " + user + " must be locked: " + status);
    }
    String groups = box.exec("id", "-nG", "wizard").ok().out();
    assertTrue(
        groups.contains("docker") && groups.contains("code-shared") && groups.contains("sudo"),
        groups);
    assertFalse(box.exec("id", "-nG", "emo").ok().out().contains("docker"));
  }

  @Test
  void a_missing_tier_group_is_a_warning_not_a_failure() throws Exception {
    box.exec("groupdel", "code-shared").ok();
    roster.commitRoster(THREE_TIERS);
    Sandbox.Result r = site.ws("reconcile").ok();
    assertTrue(r.out().contains("warning: wizard: group code-shared does not exist"), r.out());
    assertTrue(box.exec("id", "-nG", "wizard").ok().out().contains("docker"));
  }

  @Test
  void a_pre_existing_account_keeps_its_groups_shell_and_home_mode() throws Exception {
    box.exec("groupadd", "video-club").ok();
    box.exec("useradd", "-m", "-s", "/bin/sh", "-G", "video-club", "wizard").ok();
    box.exec("chmod", "0755", "/home/wizard").ok();
    box.exec(List.of("chpasswd"), "wizard:a-local-password\n".getBytes()).ok();
    roster.commitRoster(THREE_TIERS);
    site.ws("reconcile").ok();
    assertEquals("755", box.exec("stat", "-c", "%a", "/home/wizard").ok().out().strip());
    assertEquals(
        "/bin/sh", box.exec("getent", "passwd", "wizard").ok().out().strip().split(":")[6]);
    String groups = box.exec("id", "-nG", "wizard").ok().out();
    assertTrue(
        groups.contains("video-club") && groups.contains("docker") && groups.contains("sudo"),
        groups);
    assertEquals(
        "P",
        box.exec("passwd", "-S", "wizard").ok().out().split(" ")[1],
        "an existing account's lock state is not changed");
  }

  @Test
  void one_failing_user_does_not_stop_the_others_and_the_next_run_heals() throws Exception {
    box.sh("echo not-a-home > /home/emo").ok();
    roster.commitRoster(THREE_TIERS);
    Sandbox.Result r = site.ws("reconcile");
    assertEquals(1, r.code(), r.both());
    assertTrue(r.out().contains("user=emo action=create-account result=failed"), r.out());
    assertTrue(r.out().contains("/home/emo already exists but no account owns it"), r.out());
    assertTrue(exists("wizard") && exists("anca"));
    assertFalse(exists("emo"), "emo must not exist half-created");

    box.exec("rm", "/home/emo").ok();
    site.ws("reconcile").ok();
    assertEquals("700 emo", box.exec("stat", "-c", "%a %U", "/home/emo").ok().out().strip());
  }

  @Test
  void right_after_a_successful_run_plan_is_empty_and_a_second_run_writes_nothing()
      throws Exception {
    roster.commitRoster(THREE_TIERS);
    site.ws("reconcile").ok();
    Sandbox.Result plan = site.ws("plan");
    assertEquals(0, plan.code(), plan.both());
    assertTrue(plan.out().contains("Nothing to do."), plan.out());

    String[] watched = {
      "/etc", "/home", "/var/lib/workstation/applied", "/var/lib/workstation/uids"
    };
    String before = box.fingerprint(watched);
    Sandbox.Result again = site.ws("reconcile").ok();
    assertTrue(again.out().contains("planned=0 applied=0 failed=0"), again.out());
    assertEquals(before, box.fingerprint(watched), "a converged reconcile must not write anything");
  }

  @Test
  void an_invalid_committed_roster_exits_3_lists_every_error_and_changes_nothing()
      throws Exception {
    roster.commitRoster(THREE_TIERS);
    site.ws("reconcile").ok();
    String before = box.fingerprint("/etc", "/home", "/var/lib/workstation/applied");
    roster.commitRoster(
        THREE_TIERS
            + "  zed: {authentik_user: z, k8s_user: z, tier: boss}\n  yan: {authentik_user: y, k8s_user: y, tier: admin, parked: yes}\n");
    Sandbox.Result r = site.ws("reconcile");
    assertEquals(3, r.code(), r.both());
    assertTrue(r.err().contains("users.zed.tier: 'boss' is not a tier"), r.err());
    assertTrue(r.err().contains("users.yan.parked: must be true or false"), r.err());
    assertEquals(before, box.fingerprint("/etc", "/home", "/var/lib/workstation/applied"));
    assertFalse(exists("yan"));
  }

  @Test
  void an_invalid_local_roster_exits_3_and_changes_nothing() throws Exception {
    Path local = box.dir().resolve("local.yaml");
    Files.writeString(local, "users:\n  zed: {authentik_user: z, k8s_user: z, tiers: admin}\n");
    String before = box.fingerprint("/etc", "/home");
    Sandbox.Result r = site.ws("reconcile", "--roster", local.toString());
    assertEquals(3, r.code(), r.both());
    assertTrue(
        r.err().contains(local + ":2:41: users.zed.tiers: unknown field (did you mean 'tier'?)"),
        r.err());
    assertEquals(before, box.fingerprint("/etc", "/home"));
  }

  @Test
  void an_uncommitted_edit_in_a_working_tree_has_no_effect() throws Exception {
    roster.commitRoster(THREE_TIERS);
    Files.writeString(
        roster.workTree().resolve(RosterRepo.PATH),
        THREE_TIERS + "  zed: {authentik_user: z, k8s_user: z, tier: admin}\n");
    String workConfig = SiteFixture.write(box.dir(), roster.workTree().toString(), "").toString();
    box.workstation("--config=" + workConfig, "reconcile").ok();
    assertFalse(exists("zed"), "zed exists only in an uncommitted working tree");
    box.exec("id", "emo").ok();
  }

  @Test
  void when_the_fetch_fails_the_last_applied_roster_is_used_and_said() throws Exception {
    roster.commitRoster(THREE_TIERS);
    site.ws("reconcile").ok();
    box.exec("userdel", "-r", "emo").ok();
    String broken =
        SiteFixture.write(box.dir(), box.dir().resolve("gone.git").toString(), "").toString();
    Sandbox.Result r = box.workstation("--config=" + broken, "reconcile");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().contains("using the last applied roster (commit "), r.out());
    box.exec("id", "emo").ok();
  }

  @Test
  void user_limits_the_run_to_one_user() throws Exception {
    roster.commitRoster(THREE_TIERS);
    Sandbox.Result plan = site.ws("plan", "--user", "emo");
    assertEquals(2, plan.code());
    assertTrue(plan.out().contains("emo: create account emo"), plan.out());
    assertFalse(plan.out().contains("wizard"), plan.out());
    site.ws("reconcile", "--user", "emo").ok();
    box.exec("id", "emo").ok();
    assertFalse(exists("wizard"));
    assertEquals(3, site.ws("reconcile", "--user", "nobody-here").code());
  }

  @Test
  void dry_run_changes_nothing() throws Exception {
    roster.commitRoster(THREE_TIERS);
    String before = box.fingerprint("/etc", "/home");
    Sandbox.Result r = site.ws("reconcile", "--dry-run");
    assertEquals(2, r.code(), "--dry-run exits like plan: 2, changes pending\n" + r.both());
    assertTrue(r.out().contains("create account wizard"), r.out());
    assertEquals(before, box.fingerprint("/etc", "/home"));
  }

  @Test
  void a_second_reconcile_while_one_holds_the_lock_exits_4_naming_the_holder() throws Exception {
    roster.commitRoster(THREE_TIERS);
    // hold the same flock(2) the daemon takes, the way an admin would with flock(1)
    box.sh("echo 'pid 4242' > /run/workstation/reconcile.lock").ok();
    // the holder keeps the lock until its stdin closes
    Process holder = box.start(List.of("flock", "/run/workstation/reconcile.lock", "-c", "read x"));
    try {
      Poll.until(
          Duration.ofSeconds(30),
          "flock holds the lock",
          () -> box.exec("flock", "-n", "/run/workstation/reconcile.lock", "true").code() != 0);
      Sandbox.Result r = site.ws("reconcile");
      assertEquals(4, r.code(), r.both());
      assertTrue(r.err().contains("another reconcile is running (pid 4242)"), r.err());
      assertFalse(exists("wizard"), "nothing may be done without the lock");
    } finally {
      holder.getOutputStream().close();
      assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
    }
    site.ws("reconcile").ok();
  }

  @Test
  void two_concurrent_reconciles_one_runs_and_the_other_exits_4() throws Exception {
    StringBuilder many = new StringBuilder("users:\n");
    for (int i = 0; i < 40; i++) {
      many.append("  user")
          .append(i)
          .append(": {authentik_user: u")
          .append(i)
          .append(", k8s_user: u")
          .append(i)
          .append(", tier: power-user}\n");
    }
    roster.commitRoster(many.toString());
    Process first = box.start(box.workstationArgv("--config=" + site.config(), "reconcile"));
    Process second = box.start(box.workstationArgv("--config=" + site.config(), "reconcile"));
    assertTrue(first.waitFor(5, TimeUnit.MINUTES) && second.waitFor(5, TimeUnit.MINUTES));
    List<Integer> codes = new java.util.ArrayList<>(List.of(first.exitValue(), second.exitValue()));
    java.util.Collections.sort(codes);
    assertEquals(List.of(0, 4), codes, "exactly one run holds the lock");
    Process loser = first.exitValue() == 4 ? first : second;
    String err = new String(loser.getErrorStream().readAllBytes());
    assertTrue(err.matches("(?s).*another reconcile is running \\(pid [0-9]+\\).*"), err);
    box.exec("id", "user39").ok();
  }
}
