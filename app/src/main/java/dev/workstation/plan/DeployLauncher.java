package dev.workstation.plan;

import dev.workstation.config.MarkedFile;
import dev.workstation.worker.WorkerRequest;
import java.util.List;

/** Deploy the session launcher to {@code ~/start-claude.sh} (only over our own, marked copy). */
public record DeployLauncher(
    String user, String content, MarkedFile.State state, List<ActionKey> dependsOn)
    implements UserAction {
  public DeployLauncher {
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public String kind() {
    return "deploy-launcher";
  }

  @Override
  public String describe() {
    return (state == MarkedFile.State.ABSENT ? "install" : "update") + " ~/start-claude.sh";
  }

  @Override
  public void apply(Effects fx) throws Exception {
    fx.worker().call(user, new WorkerRequest.Launcher(content));
  }
}
