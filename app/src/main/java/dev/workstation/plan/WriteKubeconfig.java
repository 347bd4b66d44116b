package dev.workstation.plan;

import dev.workstation.config.MarkedFile;
import dev.workstation.worker.WorkerRequest;
import java.util.List;

/**
 * Write {@code ~/.kube/config} (0600, {@code ~/.kube} 0700) as the user: only if absent or ours and
 * stale.
 */
public record WriteKubeconfig(
    String user,
    String content,
    MarkedFile.State state,
    List<String> contexts,
    List<ActionKey> dependsOn)
    implements UserAction {
  public WriteKubeconfig {
    contexts = List.copyOf(contexts);
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public String kind() {
    return "write-kubeconfig";
  }

  @Override
  public String describe() {
    return (state == MarkedFile.State.ABSENT ? "write" : "update")
        + " ~/.kube/config (OIDC, contexts "
        + String.join(", ", contexts)
        + ")";
  }

  @Override
  public void apply(Effects fx) throws Exception {
    fx.worker().call(user, new WorkerRequest.Kubeconfig(content));
  }
}
