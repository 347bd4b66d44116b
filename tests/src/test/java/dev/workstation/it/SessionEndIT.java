package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8.2: ending a user's sessions ends every process of the user, including one that forks
 * continuously to hop pids (which survives a single {@code pkill}). Without systemd in the sandbox
 * this is the bounded stop-and-kill loop; afterwards {@code --destroy} can delete the account.
 */
class SessionEndIT {
  /** Each generation starts the next and exits at once: the pid never stays put. */
  static final String HOPPER = "#!/bin/sh\n\"$0\" &\n";

  /** A parent that keeps forking children that stay. */
  static final String BREEDER = "#!/bin/sh\nwhile :; do sleep 300 & sleep 0.01; done\n";

  @Test
  void a_cut_ends_a_process_that_keeps_forking_which_a_single_pkill_misses() throws Exception {
    try (Sandbox box = Sandbox.open();
        RosterRepo roster = RosterRepo.create(box.dir())) {
      String config = SiteFixture.write(box.dir(), roster.origin().toString(), "").toString();
      roster.commitRoster(
          "users:\n"
              + "  wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}\n"
              + "  emo: {authentik_user: emil, k8s_user: emo, tier: power-user}\n");
      box.ws(config, "reconcile").ok();
      box.write("/home/emo/hop.sh", HOPPER, "755");
      box.write("/home/emo/breed.sh", BREEDER, "755");
      box.exec("chown", "emo:", "/home/emo/hop.sh", "/home/emo/breed.sh").ok();
      box.start(List.of("runuser", "-u", "emo", "--", "/home/emo/hop.sh"));
      box.start(List.of("runuser", "-u", "emo", "--", "/home/emo/breed.sh"));
      box.exec(
              "sh",
              "-c",
              "for i in $(seq 50); do pgrep -u emo -f hop.sh >/dev/null && exit 0; sleep 0.1; done;"
                  + " exit 1")
          .ok(); // the hopper runs

      roster.commitRoster(
          "users:\n  wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}\n");
      Sandbox.Result cut = box.ws(config, "reconcile");
      assertEquals(0, cut.code(), cut.both());
      assertTrue(cut.out().contains("user=emo action=cut-user result=applied"), cut.out());
      // the watching runuser parents reap their killed children a moment later
      Sandbox.Result left = box.exec("pgrep", "-a", "-u", "emo");
      for (int i = 0; i < 30 && left.code() == 0; i++) {
        Thread.sleep(100);
        left = box.exec("pgrep", "-a", "-u", "emo");
      }
      assertEquals(1, left.code(), "processes of emo left after the cut:\n" + left.out());

      Sandbox.Result destroy = box.ws(config, "offboard", "emo", "--destroy", "--yes");
      assertEquals(0, destroy.code(), destroy.both());
      assertEquals(2, box.exec("getent", "passwd", "emo").code(), "emo's account is gone");
    }
  }
}
