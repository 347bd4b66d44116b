package dev.workstation.plan;

import java.util.List;
import java.util.Map;

/** An observed host with nothing on it, for tests outside {@code plan} that need a run's result. */
public final class ObservedFixtures {
  private ObservedFixtures() {}

  public static Observed nothing() {
    HostSnapshot host = PlannerFixtures.host(List.of());
    return new Observed(
        host, Uids.settle(host), Map.of(), Map.of(), SurfaceFacts.none(), CutFacts.none());
  }
}
