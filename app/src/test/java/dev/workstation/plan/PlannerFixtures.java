package dev.workstation.plan;

import dev.workstation.config.MarkedFile;
import dev.workstation.host.IdRange;
import dev.workstation.layout.PathKind;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.DesiredState;
import dev.workstation.roster.Roster;
import dev.workstation.roster.Tier;
import dev.workstation.roster.UserSpec;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.UnitSettings;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

  /** The roster and desired state of {@code users}, with nothing rendered. */
  static Desired desired(SiteConfig site, List<AccountSpec> users) {
    java.util.SortedMap<String, UserSpec> specs = new java.util.TreeMap<>();
    java.util.SortedMap<String, AccountSpec> accounts = new java.util.TreeMap<>();
    for (AccountSpec a : users) {
      accounts.put(a.osUser(), a);
      specs.put(
          a.osUser(),
          new UserSpec(
              a.osUser(),
              a.authentikUser(),
              a.k8sUser(),
              a.tier(),
              a.namespaces(),
              a.codeLayout(),
              a.repos(),
              a.parked(),
              a.claudeAuth(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty()));
    }
    return Desired.of(
        site, new Roster(specs), new DesiredState(accounts, Map.of(), "", "", Map.of()));
  }

  /** A host where {@code accounts} exist (uid 1001 up, no groups) and nothing else. */
  static HostSnapshot host(Collection<String> accounts) {
    return host(accounts, Set.of());
  }

  /** {@link #host(Collection)}, and nothing at the homes of {@code creating} (no account yet). */
  static HostSnapshot host(Collection<String> accounts, Collection<String> creating) {
    Map<String, ObservedAccount> out = new java.util.HashMap<>();
    int uid = 1001;
    for (String name : accounts) {
      out.put(
          name,
          new ObservedAccount(
              name,
              uid,
              uid,
              Path.of("/home", name),
              "/bin/bash",
              Set.of(),
              true,
              Optional.empty()));
      uid++;
    }
    Map<String, Optional<dev.workstation.host.FileInfo>> homes = new java.util.HashMap<>();
    creating.forEach(u -> homes.put(u, Optional.empty()));
    return new HostSnapshot(
        out,
        homes,
        Set.of(),
        Set.of("/bin/bash"),
        Set.of(),
        Map.of(),
        new IdRange(1000, 60000),
        Path.of("/home"));
  }

  /** Every user but {@code creating} has an account; {@code homes} is what their homes hold. */
  static Observed observed(
      List<AccountSpec> users, Map<String, CodeFacts> homes, Set<String> creating) {
    return observed(users, homes, creating, SurfaceFacts.none(), CutFacts.none());
  }

  static Observed observed(
      List<AccountSpec> users,
      Map<String, CodeFacts> homes,
      Set<String> creating,
      SurfaceFacts surface,
      CutFacts cuts) {
    List<String> existing =
        users.stream().map(AccountSpec::osUser).filter(u -> !creating.contains(u)).toList();
    HostSnapshot host = host(existing, creating);
    return new Observed(host, Uids.settle(host), homes, Map.of(), surface, cuts);
  }

  static CodeFacts.PathFacts aClone(boolean wired) {
    return new CodeFacts.PathFacts(
        PathKind.CLONE,
        wired ? Map.of("origin", "u", "forgejo", "u") : Map.of("origin", "u"),
        Optional.of("master"),
        Optional.of(wired ? "forgejo" : "origin"));
  }

  static CodeFacts facts(
      CodeFacts.PathFacts code,
      CodeFacts.PathFacts infra,
      Map<String, PathKind> repos,
      Map<String, Boolean> nested,
      boolean journal) {
    return new CodeFacts(
        code,
        infra,
        PathKind.ABSENT,
        repos,
        nested,
        journal,
        List.of(),
        List.of(),
        List.of(),
        MarkedFile.State.CURRENT,
        MarkedFile.State.CURRENT,
        Optional.empty(),
        Optional.empty(),
        true,
        true,
        true);
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
        s.claudeAuth(),
        s.units(),
        s.unitsConfigured(),
        s.capacity(),
        s.freshen(),
        s.metrics(),
        s.limits(),
        s.membership());
  }

  static SiteConfig withVaultKubeAndManagedSettings(
      SiteConfig s, SiteConfig.Vault vault, SiteConfig.ManagedSettings managed) {
    return new SiteConfig(
        s.roster(),
        s.stateDir(),
        s.homeRoot(),
        s.defaultShell(),
        s.tierGroups(),
        s.infra(),
        s.repos(),
        s.configBase(),
        Optional.of(managed),
        s.launcher(),
        Optional.of(
            new SiteConfig.Kube(
                "c1",
                "https://k8s:6443",
                Optional.empty(),
                Optional.empty(),
                "https://sso/app",
                "kubectl",
                List.of(),
                "password")),
        Optional.of(vault),
        s.claudeAuth(),
        s.units(),
        s.unitsConfigured(),
        s.capacity(),
        s.freshen(),
        s.metrics(),
        s.limits(),
        s.membership());
  }

  /** {@code d} with a launcher, committed managed settings and rendered kubeconfigs. */
  static Desired rendered(
      Desired d, String launcher, String managedSettings, Map<String, String> kubeconfigs) {
    return new Desired(
        d.site(),
        d.roster(),
        d.state(),
        Optional.of(launcher),
        Optional.of(managedSettings.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        "managed-settings.json",
        kubeconfigs,
        d.forgejo());
  }

  /** Home facts: code as given, and the launcher, kubeconfig and git files in these states. */
  static CodeFacts home(
      List<String> linkChanges,
      MarkedFile.State launcher,
      MarkedFile.State kubeconfig,
      boolean gitFilesPresent) {
    return home(linkChanges, List.of(), launcher, kubeconfig, gitFilesPresent);
  }

  /** The same, with what of the Config base the user's worker could not follow. */
  static CodeFacts home(
      List<String> linkChanges,
      List<String> linkUnreachable,
      MarkedFile.State launcher,
      MarkedFile.State kubeconfig,
      boolean gitFilesPresent) {
    return new CodeFacts(
        CodeFacts.PathFacts.absent(),
        CodeFacts.PathFacts.absent(),
        PathKind.ABSENT,
        Map.of(),
        Map.of(),
        false,
        linkChanges,
        List.of(),
        linkUnreachable,
        launcher,
        kubeconfig,
        Optional.empty(),
        Optional.empty(),
        gitFilesPresent,
        gitFilesPresent,
        gitFilesPresent);
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
        d.claudeAuth(),
        new UnitSettings(
            List.of(dev.workstation.site.UnitTemplate.parse("t3-serve@").orElseThrow()),
            Path.of("/etc/t3-serve"),
            d.units().portPools(),
            List.of()),
        true,
        d.capacity(),
        d.freshen(),
        d.metrics(),
        d.limits(),
        d.membership());
  }
}
