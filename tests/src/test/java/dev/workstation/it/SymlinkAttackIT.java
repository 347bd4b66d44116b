package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every path a reconcile touches in a home, planted by the user as a symlink (or a hard link) to a
 * root-owned target before the run: root must never write through it. All home work runs in the
 * user's worker, so at worst the user's own write is refused; the root-owned targets stay
 * byte-identical and the run reports what it could not do.
 */
class SymlinkAttackIT extends SiteTest {
  static final String ROW =
      "mallory: {authentik_user: mal, k8s_user: mal, tier: namespace-owner, namespaces: [m],"
          + " code_layout: workspace, repos: [tripit]}";

  @BeforeEach
  void setUp() throws Exception {
    site.everyFacet();
    box.exec("useradd", "-m", "-s", "/bin/bash", "mallory").ok();
    // root-owned targets the attacker would love to overwrite
    box.sh(
            "mkdir -p /etc/victim-dir && echo original > /etc/victim && chmod 644 /etc/victim && echo keep > /etc/victim-dir/f")
        .ok();
    roster.commitRoster("users:\n  " + ROW + "\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "code",
        "code/tripit",
        "code/infra",
        ".code-migrating",
        ".kube",
        ".kube/config",
        ".claude",
        ".claude/skills",
        ".claude/CLAUDE.md",
        ".git-credentials",
        "start-claude.sh",
        ".gitconfig"
      })
  void a_planted_symlink_never_lets_root_write_outside_the_home(String path) throws Exception {
    String target =
        path.equals("code")
                || path.equals(".kube")
                || path.equals(".claude")
                || path.equals(".claude/skills")
                || path.equals("code/infra")
                || path.equals(".code-migrating")
            ? "/etc/victim-dir"
            : "/etc/victim";
    box.asUser(
            "mallory", "mkdir -p \"$(dirname ~/" + path + ")\" && ln -s " + target + " ~/" + path)
        .ok();
    String before = box.fingerprint("/etc/victim", "/etc/victim-dir", "/etc/shadow", "/etc/passwd");
    Sandbox.Result r = site.ws("reconcile");
    assertFalse(r.code() == 3 || r.code() == 4, r.both());
    assertEquals(
        before,
        box.fingerprint("/etc/victim", "/etc/victim-dir", "/etc/shadow", "/etc/passwd"),
        "a root-owned file changed through ~/" + path + ":\n" + r.both());
  }

  @ParameterizedTest
  @ValueSource(strings = {".git-credentials", "start-claude.sh", ".gitconfig"})
  void a_planted_hard_link_to_a_root_file_is_never_written(String path) throws Exception {
    // hard links to files the user cannot write: protected_hardlinks may refuse to make them at all
    Sandbox.Result link = box.asUser("mallory", "ln /etc/victim ~/" + path);
    String before = box.fingerprint("/etc/victim");
    Sandbox.Result r = site.ws("reconcile");
    assertFalse(r.code() == 3 || r.code() == 4, r.both());
    assertEquals(
        before,
        box.fingerprint("/etc/victim"),
        "link " + (link.code() == 0 ? "made" : "refused") + "; " + r.both());
  }
}
