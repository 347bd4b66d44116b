package dev.workstation.roster;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The account a roster row derives to: what the host should hold for this person. */
public record AccountSpec(
    String osUser,
    Tier tier,
    String shell,
    boolean loginLocked,
    List<String> groups,
    CodeLayout codeLayout,
    List<String> repos,
    List<String> namespaces,
    boolean parked,
    boolean claudeAuth,
    String authentikUser,
    String k8sUser) {

  public AccountSpec {
    groups = List.copyOf(groups);
    repos = List.copyOf(repos);
    namespaces = List.copyOf(namespaces);
  }

  /** Desired groups the account is not yet in. Never a removal: additive-only by design. */
  public List<String> groupsToAdd(Set<String> current) {
    List<String> add = new ArrayList<>();
    for (String g : groups) {
      if (!current.contains(g)) {
        add.add(g);
      }
    }
    return add;
  }
}
