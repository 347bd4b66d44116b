package dev.workstation.doctor;

import dev.workstation.site.SiteConfig;
import dev.workstation.units.Units;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code doctor}'s checks in the order an admin fixes things: the tools, the site config, then
 * (once it loads) the host and the services it names, and last the timer.
 */
public final class Doctor {
  private final Path config;
  private final Units units;

  /** {@code units}: the systemd the unit checks ask (the running one, in the binary). */
  public Doctor(Path config, Units units) {
    this.config = config;
    this.units = units;
  }

  public DoctorReport run() {
    List<Check> checks = new ArrayList<>(ToolsCheck.run());
    SiteConfigCheck.Result loaded = SiteConfigCheck.run(config);
    checks.addAll(loaded.checks());
    loaded.site().ifPresent(s -> checks.addAll(siteChecks(s, loaded.placeholders())));
    checks.addAll(TimerCheck.run());
    return new DoctorReport(checks);
  }

  private List<Check> siteChecks(SiteConfig s, boolean placeholders) {
    List<SiteCheck> order = new ArrayList<>();
    order.add(new StateDirCheck());
    if (placeholders) {
      // the example's hosts are not this site's: contact none of them until filled in
      order.add(
          site ->
              List.of(
                  Check.warn(
                      "network checks",
                      "skipped: the config still holds the example's placeholders",
                      "fill in the keys above, then run workstation doctor again")));
    } else {
      order.add(new RosterFetchCheck(config));
      order.add(new VaultTokenCheck());
      order.add(new VaultCheck());
      order.add(new ClaudeAuthCheck());
      order.add(new MembershipCheck());
      order.add(new OidcCheck());
      order.add(new KubeloginCheck());
    }
    order.add(new ConfigBaseCheck());
    order.add(new CapacityCheck());
    order.add(new ContainmentCheck());
    order.add(new UnitTemplatesCheck(units));
    order.add(new ShellCheck());
    List<Check> out = new ArrayList<>();
    for (SiteCheck c : order) {
      out.addAll(c.run(s));
    }
    return out;
  }
}
