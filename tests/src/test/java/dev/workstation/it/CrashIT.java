package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reconcile process killed (halt, like kill -9) right after each kind of step; the next run
 * converges — plan empty afterwards — and a user's own files survive byte for byte.
 */
class CrashIT extends SiteTest {

  @BeforeEach
  void setUp() throws Exception {
    site.everyFacet();
    site.adminGroups();
    // a user who already lives here, with files of her own
    box.exec("useradd", "-m", "-s", "/bin/bash", "anca").ok();
    box.asUser(
            "anca",
            "mkdir -p notes && echo mine > notes/todo.txt && echo '{\"k\":1}' > ~/.claude.json")
        .ok();
    roster.commitRoster(
        "users:\n"
            + "  wizard: {authentik_user: vb, k8s_user: wizard, tier: admin}\n"
            + "  anca: {authentik_user: anca98, k8s_user: anca, tier: namespace-owner, namespaces: [pb], code_layout: workspace,"
            + " repos: [tripit]}\n"
            + "  emo: {authentik_user: emil, k8s_user: emo, tier: power-user, git_name: Emil}\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "write-file",
        "create-account",
        "add-to-groups",
        "clone-infra",
        "wire-remote",
        "clone-repo",
        "write-kubeconfig",
        "set-git-identity",
        "link-config",
        "deploy-launcher"
      })
  void a_run_killed_after_any_step_is_finished_by_the_next_with_nothing_lost(String step)
      throws Exception {
    String mine = box.fingerprint("/home/anca/notes", "/home/anca/.claude.json");
    Sandbox.Result crashed =
        box.workstationWith(TestPorts.haltAfter(step), "--config=" + site.config(), "reconcile");
    assertEquals(
        137, crashed.code(), "the run must die right after " + step + ":\n" + crashed.both());
    Sandbox.Result next = site.ws("reconcile");
    assertEquals(0, next.code(), next.both());
    Sandbox.Result plan = site.ws("plan");
    assertEquals(0, plan.code(), "converged after a crash at " + step + ":\n" + plan.out());
    assertEquals(
        mine,
        box.fingerprint("/home/anca/notes", "/home/anca/.claude.json"),
        "the user's own files");
    assertEquals(
        "",
        box.sh("ls -a /home/*/code /home/*/code/* 2>/dev/null | grep clone-tmp; true").out(),
        "no half-made clone left: "
            + box.sh("find /home/*/code -maxdepth 3 -path '*clone-tmp*' | head -20").out());
    assertTrue(box.exec("test", "-d", "/home/anca/code/tripit/.git").code() == 0);
  }
}
