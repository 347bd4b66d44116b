package dev.workstation.plan;

import dev.workstation.worker.WorkerRequest;
import java.util.List;

/** Set git {@code user.name} / {@code user.email} in {@code ~/.gitconfig} where absent. */
public record SetGitIdentity(String user, String name, String email, List<ActionKey> dependsOn)
    implements UserAction {
  public SetGitIdentity {
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public String kind() {
    return "set-git-identity";
  }

  @Override
  public String describe() {
    return "set git "
        + (name != null ? "user.name \"" + name + "\"" : "")
        + (name != null && email != null ? " and " : "")
        + (email != null ? "user.email " + email : "")
        + " in ~/.gitconfig";
  }

  @Override
  public void apply(Effects fx) throws Exception {
    fx.worker()
        .call(
            user,
            new WorkerRequest.SetIdentity(
                java.util.Optional.ofNullable(name), java.util.Optional.ofNullable(email)));
  }
}
