package dev.workstation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.host.Capacity;
import dev.workstation.reconcile.Overcommit;
import dev.workstation.roster.Tier;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.SiteConfigParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** onboard and unpark over the caps' sum (SPEC §6.9, §6.11): refused, unless --force. */
class CapacityRefusalTest {
  static final long G = 1L << 30;
  static final SiteConfig SITE =
      SiteConfigParser.parse(
          "workstation.yaml",
          "containment: {user_memory_max: 16G, pane_memory_max: 4G, overcommit: 1}\n"
              .getBytes(StandardCharsets.UTF_8));
  static final Capacity BOX = new Capacity(24 * G, 0, 100 * G);

  /** The violations of the active {@code emo} plus one more user of {@code tier}. */
  static List<String> onboarding(Tier tier) {
    return Overcommit.violations(SITE, BOX, List.of(Tier.POWER_USER, tier));
  }

  @Test
  void a_second_user_whose_cap_would_not_fit_is_refused_with_the_figures() {
    StringWriter err = new StringWriter();
    WorkstationException e =
        assertThrows(
            WorkstationException.class,
            () ->
                LifecycleSupport.refuseOverCapacity(
                    onboarding(Tier.ADMIN), false, new PrintWriter(err, true)));
    assertEquals(ExitCodes.FAILED, e.exitCode());
    assertEquals(
        "refused, over the capacity ceiling (--force to override): containment: the memory caps of"
            + " 2 active users add up to 32.0 GiB (admin 16G ×1, power-user 16G ×1), above RAM"
            + " 24.0 GiB × overcommit 1 = 24.0 GiB: a cap cannot bind before the box runs out"
            + " (lower containment.user_memory_max, park a user, or add memory)",
        e.getMessage());
    assertEquals("", err.toString());
  }

  @Test
  void force_lets_it_through_with_a_warning_naming_the_figures() {
    StringWriter err = new StringWriter();
    LifecycleSupport.refuseOverCapacity(onboarding(Tier.ADMIN), true, new PrintWriter(err, true));
    assertTrue(
        err.toString()
            .startsWith(
                "warning: over capacity (forced): containment: the memory caps of 2 active users"
                    + " add up to 32.0 GiB"),
        err.toString());
  }

  @Test
  void a_user_whose_cap_fits_is_not_refused() {
    StringWriter err = new StringWriter();
    List<String> fits = Overcommit.violations(SITE, BOX, List.of(Tier.POWER_USER));
    assertEquals(List.of(), fits);
    LifecycleSupport.refuseOverCapacity(fits, false, new PrintWriter(err, true));
    assertEquals("", err.toString());
  }
}
