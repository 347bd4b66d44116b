package dev.workstation.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Set git {@code user.name} / {@code user.email} in {@code ~/.gitconfig} where absent. */
public record SetGitIdentity(String user, String name, String email, List<ActionKey> dependsOn)
    implements Action {
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
    Map<String, Object> req = new HashMap<>();
    req.put("op", "git-identity");
    req.put("name", name);
    req.put("email", email);
    fx.worker().call(user, req);
  }
}
