package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A reconcile or freshen run at a terminal shows how far it has got ({@code n/N users}); run by the
 * timer (no terminal) it prints nothing of the kind. The terminal is a real pseudo-terminal, made
 * by util-linux's {@code script}.
 */
class ProgressIT extends SiteTest {

  static final String ROSTER =
      """
      users:
        wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}
        emo: {authentik_user: emil, k8s_user: emo, tier: power-user}
        pat: {authentik_user: pat, k8s_user: pat, tier: power-user}
      """;

  @Test
  void at_a_terminal_reconcile_and_freshen_count_users_and_without_one_they_do_not()
      throws Exception {
    site.everyFacet();
    site.adminGroups();
    roster.commitRoster(ROSTER);
    String reconcile =
        String.join(" ", box.workstationArgv("--config=" + site.config(), "reconcile"));
    Sandbox.Result tty = box.exec(List.of("script", "-qec", reconcile, "/dev/null"), null);
    assertEquals(0, tty.code(), tty.both());
    assertTrue(tty.out().contains("apply: 0/3 users"), tty.out());
    assertTrue(tty.out().contains("apply: 2/3 users"), tty.out());
    assertTrue(tty.out().contains("freshen: 0/2 users"), tty.out());

    String freshen = String.join(" ", box.workstationArgv("--config=" + site.config(), "freshen"));
    Sandbox.Result f = box.exec(List.of("script", "-qec", freshen, "/dev/null"), null);
    assertTrue(f.out().contains("freshen: 1/2 users"), f.out());

    Sandbox.Result timer = site.ws("reconcile");
    assertFalse(timer.both().contains(" users\u001b[K"), timer.both());
  }
}
