package dev.workstation.plan;

import dev.workstation.worker.WorkerRequest;
import java.util.List;

/**
 * single → workspace for a user who opted in: {@code ~/code} moves to {@code ~/code/infra} by
 * rename (see {@code layout.Migration}). A root-owned journal in the state dir marks it under way
 * until the last step, so a run killed at any step is finished by the next.
 */
public record MigrateLayout(String user, boolean resuming) implements UserAction {

  @Override
  public String kind() {
    return "migrate-layout";
  }

  @Override
  public String describe() {
    return (resuming ? "finish the interrupted move of" : "move")
        + " ~/code to ~/code/infra (single → workspace; branches, stashes,"
        + " dirty files and running sessions kept)";
  }

  @Override
  public void apply(Effects fx) throws Exception {
    fx.journals().begin(user);
    fx.worker().call(user, new WorkerRequest.Migrate());
    fx.journals().end(user);
  }

  @Override
  public List<ActionKey> dependsOn() {
    return List.of();
  }
}
