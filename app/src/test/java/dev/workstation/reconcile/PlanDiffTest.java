package dev.workstation.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workstation.config.MarkedFile;
import dev.workstation.plan.DeployLauncher;
import dev.workstation.plan.Observed;
import dev.workstation.plan.ObservedFixtures;
import dev.workstation.plan.Owner;
import dev.workstation.plan.SurfaceFacts;
import dev.workstation.plan.WriteFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanDiffTest {
  @Test
  void a_changed_line_is_a_unified_hunk_with_context() throws Exception {
    assertEquals(
        List.of(
            "--- /etc/t3-serve/emo.env",
            "+++ /etc/t3-serve/emo.env (planned)",
            "@@ -1,3 +1,3 @@",
            " A=1",
            "-T3_PORT=3773",
            "+T3_PORT=3774",
            " B=2"),
        PlanDiff.diff(
            "/etc/t3-serve/emo.env", "A=1\nT3_PORT=3773\nB=2\n", "A=1\nT3_PORT=3774\nB=2\n"));
  }

  @Test
  void a_new_file_is_all_additions_and_a_removed_secret_shows_only_its_name() throws Exception {
    assertEquals(
        List.of("--- /dev/null", "+++ f (planned)", "@@ -0,0 +1 @@", "+x"),
        PlanDiff.diff("f", "", "x\n"));
    List<String> d =
        PlanDiff.diff(
            "e.env", "CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-abcdefghijklmnopq\nT=1\n", "T=1\n");
    assertEquals("-CLAUDE_CODE_OAUTH_TOKEN=<redacted>", d.get(3));
  }

  /** What is there now is what the run observed: nothing is read again (the path is not real). */
  @Test
  void a_root_file_is_diffed_against_what_was_observed_not_read_again() {
    Path p = Path.of("/nonexistent-" + System.nanoTime() + "/emo.env");
    Observed o =
        ObservedFixtures.seen(
            new SurfaceFacts(
                Map.of(p.toString(), Optional.of("T3_PORT=3773\n")),
                Map.of(),
                Map.of(),
                null,
                true),
            Map.of());
    assertEquals(
        List.of(
            "--- " + p, "+++ " + p + " (planned)", "@@ -1 +1 @@", "-T3_PORT=3773", "+T3_PORT=3774"),
        new PlanDiff(o)
            .of(new WriteFile(Owner.user("emo"), p, "T3_PORT=3774\n", "rw-------", "port")));
  }

  @Test
  void a_root_file_the_observer_could_not_read_has_no_diff_and_says_why() {
    Observed o =
        ObservedFixtures.seen(
            new SurfaceFacts(
                Map.of(),
                Map.of("/etc/ttyd-admins", "a symlink, not a regular file"),
                Map.of(),
                null,
                true),
            Map.of());
    assertEquals(
        List.of("(no diff: /etc/ttyd-admins is a symlink, not a regular file)"),
        new PlanDiff(o)
            .of(
                new WriteFile(
                    Owner.AFTER_USERS, Path.of("/etc/ttyd-admins"), "a\n", "rw-r--r--", "x")));
  }

  @Test
  void a_stale_launcher_is_diffed_against_what_the_users_worker_reported() {
    Observed o =
        ObservedFixtures.seen(
            SurfaceFacts.none(),
            Map.of(
                "emo",
                ObservedFixtures.staleLauncher("#!/bin/sh\n# managed-by: workstation\nold\n")));
    List<String> d =
        new PlanDiff(o)
            .of(
                new DeployLauncher(
                    "emo",
                    "#!/bin/sh\n# managed-by: workstation\nnew\n",
                    MarkedFile.State.STALE,
                    List.of()));
    assertEquals("--- ~/start-claude.sh", d.get(0));
    assertEquals(List.of("-old", "+new"), d.subList(d.size() - 2, d.size()));
  }
}
