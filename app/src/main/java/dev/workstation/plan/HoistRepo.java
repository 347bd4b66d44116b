package dev.workstation.plan;

import dev.workstation.worker.WorkerRequest;
import java.util.List;

/**
 * Move an untracked clone nested at {@code ~/code/infra/<name>} to {@code ~/code/<name>} (same
 * inode).
 */
public record HoistRepo(String user, String name, List<ActionKey> dependsOn) implements UserAction {
  public HoistRepo {
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public String kind() {
    return "hoist-repo";
  }

  @Override
  public ActionKey key() {
    return ActionKey.of(kind(), user, name);
  }

  @Override
  public String describe() {
    return "move ~/code/infra/"
        + name
        + " (an untracked clone) to ~/code/"
        + name
        + " instead of cloning it again";
  }

  @Override
  public void apply(Effects fx) throws Exception {
    fx.worker().call(user, new WorkerRequest.Hoist(name));
  }
}
