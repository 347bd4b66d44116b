package dev.workstation.plan;

import dev.workstation.worker.WorkerRequest;
import java.util.List;

/**
 * Give a clone the canonical remote (e.g. {@code forgejo}) and, once a fetch of it succeeded, make
 * the branch track {@code forgejo/<branch>}. Fixes clones made before this contract too.
 */
public record WireRemote(
    String user, String target, String remote, String url, String branch, List<ActionKey> dependsOn)
    implements UserAction {
  public WireRemote {
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public String kind() {
    return "wire-remote";
  }

  @Override
  public ActionKey key() {
    return ActionKey.of(kind(), user, target);
  }

  @Override
  public String describe() {
    return "wire ~/"
        + target
        + ": remote "
        + remote
        + " ("
        + url
        + "), "
        + branch
        + " tracks "
        + remote
        + "/"
        + branch;
  }

  @Override
  public void apply(Effects fx) throws Exception {
    fx.worker().call(user, new WorkerRequest.Wire(target, remote, url, branch, true));
  }
}
