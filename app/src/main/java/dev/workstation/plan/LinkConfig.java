package dev.workstation.plan;

import dev.workstation.site.SiteConfig;
import dev.workstation.worker.WorkerReply;
import dev.workstation.worker.WorkerRequest;
import java.util.List;

/**
 * Refresh a user's links into the Config base (as the user). It is applied only when the user can
 * follow what it links: what their worker cannot reach makes it fail, with the reason and the
 * remedy (SPEC §6.4).
 *
 * @param unreachable what the user's worker could not follow when the plan was made
 */
public record LinkConfig(
    String user,
    String base,
    List<String> kinds,
    SiteConfig.LinkStrategy strategy,
    List<String> changes,
    List<String> unreachable,
    List<ActionKey> dependsOn)
    implements UserAction {
  public LinkConfig {
    kinds = List.copyOf(kinds);
    changes = List.copyOf(changes);
    unreachable = List.copyOf(unreachable);
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public String kind() {
    return "link-config";
  }

  @Override
  public String describe() {
    String what =
        changes.isEmpty()
            ? "link ~/.claude to the Config base " + base
            : String.join("; ", changes);
    return unreachable.isEmpty() ? what : what + "; will fail: " + String.join("; ", unreachable);
  }

  @Override
  public void apply(Effects fx) throws Exception {
    WorkerReply.LinkChanges done =
        fx.worker()
            .call(
                user,
                new WorkerRequest.Links(
                    new WorkerRequest.LinkSpec(
                        base, kinds, strategy == SiteConfig.LinkStrategy.DIRECTORY)));
    if (!done.unreachable().isEmpty()) {
      throw new java.io.IOException(String.join("; ", done.unreachable()));
    }
  }
}
