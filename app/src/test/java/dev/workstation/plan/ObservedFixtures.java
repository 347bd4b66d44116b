package dev.workstation.plan;

import dev.workstation.config.MarkedFile;
import java.util.List;
import java.util.Map;

/** An observed host with nothing on it, for tests outside {@code plan} that need a run's result. */
public final class ObservedFixtures {
  private ObservedFixtures() {}

  public static Observed nothing() {
    return seen(SurfaceFacts.none(), Map.of());
  }

  /** A host whose root files and homes were seen as {@code surface} and {@code homes}. */
  public static Observed seen(SurfaceFacts surface, Map<String, CodeFacts> homes) {
    HostSnapshot host = PlannerFixtures.host(homes.keySet());
    return new Observed(host, Uids.settle(host), homes, Map.of(), surface, CutFacts.none());
  }

  /** A home whose launcher is ours and stale, holding {@code now}. */
  public static CodeFacts staleLauncher(String now) {
    CodeFacts f =
        PlannerFixtures.home(List.of(), MarkedFile.State.STALE, MarkedFile.State.CURRENT, true);
    return new CodeFacts(
        f.code(),
        f.infra(),
        f.migrateTmp(),
        f.repos(),
        f.nested(),
        f.migrationJournal(),
        f.linkChanges(),
        f.linkBlocked(),
        f.linkUnreachable(),
        f.launcher(),
        f.kubeconfig(),
        java.util.Optional.of(now),
        java.util.Optional.empty(),
        f.gitCredentials(),
        f.gitName(),
        f.gitEmail());
  }
}
