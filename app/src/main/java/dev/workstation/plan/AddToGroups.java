package dev.workstation.plan;

import java.util.List;

/** Add a user to tier groups they are not yet in. Never removes one (additive-only). */
public record AddToGroups(String user, List<String> groups, boolean afterCreate)
    implements UserAction {

  public AddToGroups {
    groups = List.copyOf(groups);
  }

  @Override
  public String kind() {
    return "add-to-groups";
  }

  @Override
  public String describe() {
    return "add " + user + " to " + String.join(", ", groups);
  }

  @Override
  public List<ActionKey> dependsOn() {
    return afterCreate ? List.of(ActionKey.createAccount(user)) : List.of();
  }

  @Override
  public void apply(Effects fx) {
    fx.accounts().addToGroups(user, groups);
  }
}
