package dev.workstation.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Refresh a user's links into the Config base (as the user). */
public record LinkConfig(
    String user,
    String base,
    List<String> kinds,
    String strategy,
    List<String> changes,
    List<ActionKey> dependsOn)
    implements Action {
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
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("op", "links");
    req.put("base", base);
    req.put("kinds", kinds);
    req.put("strategy", strategy);
    fx.worker().call(user, req);
  }
}
