package dev.workstation.plan;

import dev.workstation.site.SiteConfig;
import dev.workstation.worker.WorkerRequest;
import java.util.List;

/** Refresh a user's links into the Config base (as the user). */
public record LinkConfig(
    String user,
    String base,
    List<String> kinds,
    SiteConfig.LinkStrategy strategy,
    List<String> changes,
    List<ActionKey> dependsOn)
    implements UserAction {
  public LinkConfig {
    kinds = List.copyOf(kinds);
    changes = List.copyOf(changes);
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public String kind() {
    return "link-config";
  }

  @Override
  public String describe() {
    return changes.isEmpty()
        ? "link ~/.claude to the Config base " + base
        : String.join("; ", changes);
  }

  @Override
  public void apply(Effects fx) throws Exception {
    fx.worker()
        .call(
            user,
            new WorkerRequest.Links(
                new WorkerRequest.LinkSpec(
                    base, kinds, strategy == SiteConfig.LinkStrategy.DIRECTORY)));
  }
}
