package dev.workstation.plan;

import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.Tier;
import dev.workstation.site.SiteConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small builders for planner tests: desired accounts, observed facts, a site config. */
final class PlannerFixtures {
  private PlannerFixtures() {}

  static AccountSpec user(
      String name, Tier tier, CodeLayout layout, List<String> repos, boolean parked) {
    return new AccountSpec(
        name,
        tier,
        "/bin/bash",
        true,
        tier == Tier.ADMIN ? List.of("sudo") : List.of(),
        layout,
        repos,
        List.of(),
        parked,
        !parked,
        name + ".sso",
        name);
  }

  static CodeFacts.PathFacts aClone(boolean wired) {
    return new CodeFacts.PathFacts(
        "clone",
        wired ? Map.of("origin", "u", "forgejo", "u") : Map.of("origin", "u"),
        Optional.of("master"),
        Optional.of(wired ? "forgejo" : "origin"));
  }

  static CodeFacts facts(
      CodeFacts.PathFacts code,
      CodeFacts.PathFacts infra,
      Map<String, String> repos,
      Map<String, Boolean> nested,
      boolean journal) {
    return new CodeFacts(
        code, infra, "absent", repos, nested, journal, List.of(), List.of(), "current", "current",
        true, true, true);
  }

  static SiteConfig withInfra(SiteConfig s, SiteConfig.Infra infra) {
    return new SiteConfig(
        s.roster(),
        s.stateDir(),
        s.homeRoot(),
        s.defaultShell(),
        s.tierGroups(),
        Optional.of(infra),
        s.repos(),
        s.configBase(),
        s.managedSettings(),
        s.launcher(),
        s.kube(),
        s.vault(),
        s.units(),
        s.unitsConfigured(),
        s.capacity(),
        s.freshen(),
        s.metrics(),
        s.limits());
  }

  static SiteConfig site() {
    SiteConfig d = SiteConfig.defaults();
    return new SiteConfig(
        d.roster(),
        d.stateDir(),
        d.homeRoot(),
        d.defaultShell(),
        d.tierGroups(),
        Optional.of(
            new SiteConfig.Infra(
                "https://public/infra.git",
                SiteConfig.CloneCredentials.NONE,
                "forgejo",
                Optional.of("https://forgejo/v/infra.git"),
                "master")),
        Optional.of(new SiteConfig.Repos("https://forgejo/v")),
        Optional.of(
            new SiteConfig.ConfigBase(
                Path.of("/srv/base"), List.of("skills"), SiteConfig.LinkStrategy.ENTRIES)),
        d.managedSettings(),
        d.launcher(),
        d.kube(),
        d.vault(),
        new SiteConfig.Units(
            List.of(dev.workstation.site.UnitTemplate.parse("t3-serve@").orElseThrow()),
            Path.of("/etc/t3-serve"),
            d.units().portPools(),
            List.of()),
        true,
        d.capacity(),
        d.freshen(),
        d.metrics(),
        d.limits());
  }
}
