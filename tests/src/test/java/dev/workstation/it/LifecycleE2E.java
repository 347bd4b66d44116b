package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.fixtures.SigningKeys;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * onboard → offboard (cut) → destroy, park, the transition cut, and the lifecycle commands' own
 * signed, object-only commits, end to end on an admin-signed roster repository.
 */
class LifecycleE2E extends SiteTest {
  /** Onboarding zed, whom no roster here lists. */
  static final String[] ONBOARD_ZED = {
    "onboard", "zed", "--tier", "power-user", "--authentik-user", "z", "--k8s-user", "z"
  };

  static final String ROSTER =
      """
      # the devvm roster: comments record why
      users:
        wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}
        emo: {authentik_user: emil, k8s_user: emo, tier: power-user}
      """;

  SigningKeys keys;

  @BeforeEach
  void setUp() throws Exception {
    keys = SigningKeys.create(box.dir());
    roster.signedBy(keys.admin());
    site.configure(keys.siteKeys(), "");
    site.adminGroups();
    roster.commitRoster(ROSTER);
    site.ws("reconcile").ok();
  }

  boolean exists(String user) {
    return box.exec("getent", "passwd", user).code() == 0;
  }

  RevCommit head(Git git) throws Exception {
    return git.log().setMaxCount(1).call().iterator().next();
  }

  String diffOfHead(Git git) throws Exception {
    Repository repo = git.getRepository();
    RevCommit c = head(git);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DiffFormatter f = new DiffFormatter(out)) {
      f.setRepository(repo);
      f.setContext(0);
      f.format(c.getParent(0).getTree(), c.getTree());
    }
    return out.toString();
  }

  @Test
  void onboard_adds_one_audited_commit_touching_only_that_row_and_creates_the_account()
      throws Exception {
    Sandbox.Result r =
        site.ws(
            "onboard",
            "zed",
            "--tier",
            "namespace-owner",
            "--namespace",
            "zed-ns",
            "--authentik-user",
            "zed.sso",
            "--k8s-user",
            "zed",
            "--reason",
            "joins the plotting team");
    assertEquals(0, r.code(), r.both());
    assertTrue(exists("zed"));
    try (Git git = Git.open(roster.origin().toFile())) {
      RevCommit c = head(git);
      assertTrue(
          c.getFullMessage().contains("Reason given: joins the plotting team"), c.getFullMessage());
      assertTrue(c.getFullMessage().contains("onboard zed"), c.getFullMessage());
      String diff = diffOfHead(git);
      List<String> changed =
          diff.lines()
              .filter(
                  l ->
                      (l.startsWith("+") || l.startsWith("-"))
                          && !l.startsWith("+++")
                          && !l.startsWith("---"))
              .toList();
      assertEquals(
          List.of(
              "+  zed: {authentik_user: zed.sso, k8s_user: zed, tier: namespace-owner, namespaces: [zed-ns]}"),
          changed);
      assertEquals(2, count(git), "exactly one new commit");
    }
    assertEquals(
        "",
        roster.git(
            "--git-dir=" + roster.origin(),
            "-c",
            "gpg.ssh.allowedSignersFile=" + keys.allowedSigners(),
            "verify-commit",
            "master"),
        "signed with roster.signing_key: git verify-commit accepts it (it throws otherwise)");
    assertEquals(
        3,
        site.ws(
                "onboard",
                "zed",
                "--tier",
                "power-user",
                "--authentik-user",
                "z2",
                "--k8s-user",
                "z2")
            .code(),
        "a duplicate row is refused");
  }

  @Test
  void offboard_comments_the_row_out_cuts_keeps_files_and_readding_restores() throws Exception {
    box.asUser("emo", "echo precious > ~/notes.txt").ok();
    Sandbox.Result r = site.ws("offboard", "emo", "--reason", "left the company");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().contains("user=emo action=cut-user result=applied"), r.out());
    try (Git git = Git.open(roster.origin().toFile())) {
      assertTrue(head(git).getFullMessage().contains("Reason given: left the company"));
      String content =
          new String(
              git.getRepository()
                  .open(
                      org.eclipse.jgit.treewalk.TreeWalk.forPath(
                              git.getRepository(), RosterRepo.PATH, head(git).getTree())
                          .getObjectId(0))
                  .getBytes());
      assertTrue(
          content.contains("removed emo: left the company\n  # emo: {authentik_user: emil"),
          content);
    }
    assertEquals("L", box.exec("passwd", "-S", "emo").ok().out().split(" ")[1]);
    assertTrue(
        box.exec("chage", "-l", "emo")
            .ok()
            .out()
            .matches("(?s).*Account expires\\s*: Jan 01, 1970.*"),
        box.exec("chage", "-l", "emo").out());
    assertEquals(
        "precious", box.exec("cat", "/home/emo/notes.txt").ok().out().strip(), "nothing deleted");
    assertEquals(0, site.ws("plan").code(), "the cut fires once");

    roster.commitRoster(ROSTER);
    Sandbox.Result back = site.ws("reconcile");
    assertEquals(0, back.code(), back.both());
    assertTrue(
        box.exec("chage", "-l", "emo").ok().out().matches("(?s).*Account expires\\s*: never.*"),
        "re-adding restores access: " + back.out());
  }

  @Test
  void an_offboard_killed_right_after_its_push_is_finished_by_the_next_reconcile()
      throws Exception {
    Sandbox.Result killed =
        box.workstationWith(
            TestPorts.haltAfter("roster-commit"),
            "--config=" + site.config(),
            "offboard",
            "emo",
            "--reason",
            "left");
    assertEquals(137, killed.code(), killed.both());
    assertTrue(
        box.exec("chage", "-l", "emo").ok().out().matches("(?s).*Account expires\\s*: never.*"),
        "not cut yet");
    Sandbox.Result next = site.ws("reconcile");
    assertEquals(0, next.code(), next.both());
    assertTrue(next.out().contains("user=emo action=cut-user result=applied"), next.out());
    assertEquals(0, site.ws("plan").code());
  }

  @Test
  void a_row_removed_by_someone_elses_commit_is_cut_once_on_the_next_reconcile() throws Exception {
    roster.commitRoster(
        ROSTER.replace("  emo: {authentik_user: emil, k8s_user: emo, tier: power-user}\n", ""));
    Sandbox.Result r = site.ws("reconcile");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().contains("user=emo action=cut-user result=applied"), r.out());
    Sandbox.Result again = site.ws("plan");
    assertEquals(0, again.code(), again.both());
    assertFalse(site.ws("reconcile").out().contains("cut-user"), "exactly once");
  }

  @Test
  void destroy_is_refused_for_a_live_user_and_archives_a_cut_user_byte_for_byte() throws Exception {
    box.asUser(
            "emo",
            "mkdir -p ~/code/x && echo data > ~/code/x/f && ln -s f ~/code/x/l && chmod 640 ~/code/x/f")
        .ok();
    assertEquals(
        3,
        site.ws("offboard", "emo", "--destroy", "--yes").code(),
        "a live user cannot be destroyed");
    assertEquals(3, site.ws("offboard", "emo", "--destroy").code(), "--destroy needs --yes");
    site.ws("offboard", "emo", "--reason", "left").ok();
    String listing =
        "find emo \\( -type d -printf '%p %y %m %U %G\\n' \\) -o -printf '%p %y %m %U %G %s\\n' | sort;";
    String before =
        box.sh("cd /home && " + listing + " find emo -type f -exec sha256sum {} + | sort")
            .ok()
            .out();
    Sandbox.Result d = site.ws("offboard", "emo", "--destroy", "--yes");
    assertEquals(0, d.code(), d.both());
    assertFalse(exists("emo"));
    assertFalse(box.exec("test", "-e", "/home/emo").code() == 0, "home deleted");
    String archive = d.out().replaceAll("(?s).*archived to (\\S+) .*", "$1").strip();
    box.sh(
            "cd /var/lib/workstation/archive && sha256sum -c "
                + archive.substring(archive.lastIndexOf('/') + 1)
                + ".sha256")
        .ok();
    box.sh(
            "mkdir /tmp/restore-"
                + box.dir().getFileName()
                + " && tar -xzf "
                + archive
                + " -C /tmp/restore-"
                + box.dir().getFileName())
        .ok();
    String after =
        box.sh(
                "cd /tmp/restore-"
                    + box.dir().getFileName()
                    + " && "
                    + listing
                    + " find emo -type f -exec sha256sum {} + | sort")
            .ok()
            .out();
    box.sh("rm -rf /tmp/restore-" + box.dir().getFileName());
    assertEquals(before, after, "the archive restores the home byte for byte");
    assertTrue(
        box.exec("cat", "/var/lib/workstation/destroyed.log").ok().out().contains(" emo uid="));
  }

  /**
   * SPEC §6.9, §6.11: caps that add up past RAM × overcommit are a warning with the figures in
   * plan, and a refusal in onboard (nothing committed, no account) unless --force.
   */
  @Test
  void onboarding_over_the_containment_caps_is_refused_with_the_figures_unless_forced()
      throws Exception {
    site.configure(keys.siteKeys(), "containment: {user_memory_max: 1T, pane_memory_max: 1G}\n");
    Sandbox.Result plan = site.ws("plan");
    assertTrue(
        plan.both()
            .contains(
                "warning: containment: the memory caps of 2 active users add up to 2048.0 GiB"
                    + " (admin 1T ×1, power-user 1T ×1), above RAM "),
        plan.both());
    int commits;
    try (Git git = Git.open(roster.origin().toFile())) {
      commits = count(git);
    }
    Sandbox.Result refused = site.ws(ONBOARD_ZED);
    assertEquals(1, refused.code(), refused.both());
    assertTrue(
        refused
            .err()
            .contains(
                "refused, over the capacity ceiling (--force to override): containment: the memory"
                    + " caps of 3 active users add up to 3072.0 GiB (admin 1T ×1, power-user 1T"
                    + " ×2), above RAM "),
        refused.err());
    assertFalse(exists("zed"));
    try (Git git = Git.open(roster.origin().toFile())) {
      assertEquals(commits, count(git), "nothing committed");
    }
    List<String> forced = new java.util.ArrayList<>(List.of(ONBOARD_ZED));
    forced.add("--force");
    Sandbox.Result r = site.ws(forced.toArray(String[]::new));
    assertEquals(0, r.code(), r.both());
    assertTrue(
        r.err().contains("warning: over capacity (forced): containment: the memory caps of 3"),
        r.err());
    assertTrue(exists("zed"));
    String uid = box.exec("id", "-u", "zed").ok().out().strip();
    assertEquals(
        0,
        box.exec("test", "-f", "/etc/systemd/system/user-" + uid + ".slice.d/50-workstation.conf")
            .code(),
        "zed's slice is capped from the run that creates the account");
  }

  @Test
  void destroying_a_user_removes_their_slice_drop_in_with_the_account() throws Exception {
    site.configure(keys.siteKeys(), "containment: {user_memory_max: 1G, pane_memory_max: 256M}\n");
    site.ws("reconcile").ok();
    String uid = box.exec("id", "-u", "emo").ok().out().strip();
    String dropIn = "/etc/systemd/system/user-" + uid + ".slice.d/50-workstation.conf";
    assertTrue(
        box.exec("cat", dropIn).ok().out().contains("[Slice]\nMemoryMax=1G\n"), "emo is capped");
    site.ws("offboard", "emo", "--reason", "left").ok();
    assertEquals(0, box.exec("test", "-f", dropIn).code(), "a cut keeps the cap");
    Sandbox.Result d = site.ws("offboard", "emo", "--destroy", "--yes");
    assertEquals(0, d.code(), d.both());
    assertEquals(1, box.exec("test", "-e", dropIn).code(), "the drop-in went with the account");
    // said as a run says its actions: the removal and the reload it needs
    assertTrue(
        d.out().contains("user=emo action=remove-file path=" + dropIn + " result=applied"),
        d.out());
    assertTrue(d.out().contains("user=- action=daemon-reload result=applied"), d.out());
  }

  @Test
  void a_full_disk_while_archiving_leaves_the_account_and_home_in_place() throws Exception {
    box.asUser("emo", "head -c 2000000 /dev/urandom > ~/big.bin").ok();
    site.ws("offboard", "emo", "--reason", "left").ok();
    // a 256 KiB archive directory: tar runs out of space half-way
    box.sh(
            "mkdir -p /var/lib/workstation/archive && mount -t tmpfs -o size=256k tmpfs /var/lib/workstation/archive")
        .ok();
    String before = box.fingerprint("/home/emo");
    Sandbox.Result d = site.ws("offboard", "emo", "--destroy", "--yes");
    assertEquals(1, d.code(), d.both());
    assertTrue(d.err().contains("archiving /home/emo failed, nothing was deleted"), d.err());
    assertFalse(d.err().contains("internal error"), d.err());
    assertTrue(exists("emo"), "the account stays");
    assertEquals(before, box.fingerprint("/home/emo"), "the home stays, byte for byte");
    assertEquals(
        "",
        box.exec("ls", "-A", "/var/lib/workstation/archive").ok().out(),
        "no partial archive left");
  }

  @Test
  void offboarding_the_last_admin_is_refused() {
    Sandbox.Result r = site.ws("offboard", "wizard", "--reason", "bye");
    assertEquals(3, r.code(), r.both());
    assertTrue(r.err().contains("is the last admin"), r.err());
    assertTrue(exists("wizard"));
  }

  @Test
  void park_and_unpark_flip_the_row_with_an_audited_commit() throws Exception {
    site.ws("park", "emo", "--reason", "on leave").ok();
    try (Git git = Git.open(roster.origin().toFile())) {
      assertTrue(
          diffOfHead(git)
              .contains(
                  "+  emo: {authentik_user: emil, k8s_user: emo, tier: power-user, parked: true}"));
      assertTrue(head(git).getFullMessage().contains("Reason given: on leave"));
    }
    site.ws("unpark", "emo", "--force").ok();
    try (Git git = Git.open(roster.origin().toFile())) {
      assertTrue(
          diffOfHead(git)
              .contains(
                  "+  emo: {authentik_user: emil, k8s_user: emo, tier: power-user, parked: false}"));
    }
  }

  @Test
  void an_admin_grant_by_a_non_admin_is_untrusted_until_an_admin_signs_the_row() throws Exception {
    String granted =
        ROSTER.replace("k8s_user: emo, tier: power-user", "k8s_user: emo, tier: admin");
    String grant =
        roster.commitWithCli(
            RosterRepo.PATH, granted, "mallory@example.org", "make me admin", null);
    Sandbox.Result r = site.ws("reconcile");
    assertEquals(1, r.code(), r.both());
    assertTrue(
        r.out().contains("untrusted: commit " + grant.substring(0, 12) + " by mallory"), r.out());
    assertFalse(
        box.exec("id", "-nG", "emo").ok().out().contains("sudo"), "refused grant: no admin groups");

    // an empty signed commit would change nothing, so vouch for nothing: the admin re-states it
    roster.commit(
        RosterRepo.PATH,
        granted + "# emo: admin, approved by viktor\n",
        "viktor@example.org",
        "emo is admin now (approved)");
    Sandbox.Result ok = site.ws("reconcile");
    assertEquals(0, ok.code(), ok.both());
    assertFalse(ok.out().contains("untrusted"), ok.out());
    assertTrue(
        box.exec("id", "-nG", "emo").ok().out().contains("sudo"),
        "an admin's signed grant applies");
  }

  @Test
  void onboard_refuses_to_build_on_a_head_carrying_an_untrusted_change_and_names_it()
      throws Exception {
    String bad =
        roster.commitWithCli(
            RosterRepo.PATH, ROSTER + "# tidy\n", "mallory@example.org", "tidy", null);
    Sandbox.Result r =
        site.ws(
            "onboard", "zed", "--tier", "power-user", "--authentik-user", "z", "--k8s-user", "z");
    assertEquals(1, r.code(), r.both());
    assertTrue(r.err().contains(bad.substring(0, 12) + " by mallory"), r.err());
    assertTrue(r.err().contains("an admin must review"), r.err());
    assertFalse(exists("zed"));
    assertEquals(bad, roster.git("--git-dir=" + roster.origin(), "rev-parse", "master").strip());
  }

  @Test
  void no_root_read_or_write_of_the_roster_goes_through_a_working_tree() throws Exception {
    // links planted at every path a committer with a working tree could use (the old edit dir,
    // the roster path inside it, inside the mirror, inside the state dir) into root's files, and
    // FIFOs there, which would hang any read
    String state = "/var/lib/workstation";
    String fifo = box.dir().resolve("trap-fifo").toString();
    box.sh(
            "set -e; mkfifo "
                + fifo
                + "; mkdir -p /etc/decoy/scripts/workstation; echo original > /etc/decoy/keep;"
                + " ln -s /etc/nologin /etc/decoy/scripts/workstation/roster.yaml;"
                + " ln -s /etc/login.defs /etc/decoy/scripts/workstation/managed-settings.json;"
                + " ln -s /etc/decoy "
                + state
                + "/roster-edit; for d in "
                + state
                + "/roster.git "
                + state
                + "; do mkdir -p $d/scripts/workstation;"
                + " ln -sfn "
                + fifo
                + " $d/scripts/workstation/roster.yaml; done")
        .ok();
    String watched =
        "/etc/decoy /etc/login.defs "
            + fifo
            + " "
            + state
            + "/roster-edit "
            + state
            + "/scripts "
            + state
            + "/roster.git/scripts";
    String before = box.fingerprint(watched.split(" "));
    List<String> argv = new java.util.ArrayList<>(List.of("timeout", "300"));
    argv.addAll(
        box.workstationArgv(
            Stream.concat(Stream.of("--config=" + site.config()), Stream.of(ONBOARD_ZED))
                .toArray(String[]::new)));
    Sandbox.Result r = box.exec(argv, null);
    assertEquals(0, r.code(), "a read through a planted FIFO would hang (124): " + r.both());
    assertTrue(exists("zed"));
    assertFalse(
        box.exec("test", "-e", "/etc/nologin").code() == 0, "nothing written through a link");
    assertEquals(before, box.fingerprint(watched.split(" ")), "nothing read or written there");
  }

  @Test
  void in_unverified_mode_a_roster_committed_as_a_symlink_is_refused_by_reconcile_and_onboard()
      throws Exception {
    // the attack this was found with: roster.yaml committed as a link to a root file whose text
    // starts with '#' (a valid empty roster as YAML), then an admin's onboard writes through it
    java.nio.file.Path plain = box.dir().resolve("unverified.yaml");
    java.nio.file.Files.writeString(
        plain,
        java.nio.file.Files.readString(java.nio.file.Path.of(site.config()))
            .replace(keys.siteKeys(), ""));
    Sandbox.Result warned = box.ws(plain.toString(), "plan");
    assertTrue(warned.out().contains("warning: unverified mode"), warned.both());
    roster.sync();
    java.nio.file.Path file = roster.workTree().resolve(RosterRepo.PATH);
    java.nio.file.Files.delete(file);
    java.nio.file.Files.createSymbolicLink(file, java.nio.file.Path.of("/etc/login.defs"));
    roster.git("add", "-A");
    String link = roster.commitStagedWithCli("mallory@example.org", "tidy", null);
    String before = box.fingerprint("/etc", "/home");
    Sandbox.Result r = box.ws(plain.toString(), "reconcile");
    assertEquals(3, r.code(), r.both());
    assertTrue(r.err().contains("is a symlink at commit " + link.substring(0, 12)), r.err());
    Sandbox.Result onboard = box.ws(plain.toString(), ONBOARD_ZED);
    assertEquals(3, onboard.code(), "refused before any edit: " + onboard.both());
    assertTrue(onboard.err().contains("is a symlink at commit"), onboard.err());
    assertEquals(before, box.fingerprint("/etc", "/home"), "nothing written, nothing changed");
  }

  @Test
  @SuppressWarnings("unchecked")
  void status_json_names_every_user_and_flags_an_unhealthy_host() throws Exception {
    Sandbox.Result ok = site.ws("--json", "status");
    assertEquals(0, ok.code(), ok.both());
    java.util.Map<String, Object> json =
        dev.workstation.input.JsonReader.object("status", ok.out());
    java.util.Map<String, Object> users = (java.util.Map<String, Object>) json.get("users");
    assertEquals(java.util.Set.of("wizard", "emo"), users.keySet());
    assertEquals("ok", ((java.util.Map<String, Object>) users.get("emo")).get("account"));
    assertEquals(true, json.get("healthy"));

    box.exec("userdel", "--force", "--remove", "emo").ok();
    Sandbox.Result bad = site.ws("--json", "status");
    assertEquals(1, bad.code(), "a missing account is unhealthy");
    java.util.Map<String, Object> badJson =
        dev.workstation.input.JsonReader.object("status", bad.out());
    assertEquals(
        "missing",
        ((java.util.Map<String, Object>)
                ((java.util.Map<String, Object>) badJson.get("users")).get("emo"))
            .get("account"));
    assertTrue(site.ws("status").out().contains("emo"), "the table names every user");
  }

  static int count(Git git) throws Exception {
    int n = 0;
    for (RevCommit ignored : git.log().call()) {
      n++;
    }
    return n;
  }
}
