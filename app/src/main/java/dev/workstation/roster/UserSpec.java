package dev.workstation.roster;

import java.util.List;
import java.util.Optional;

/**
 * One person's row in the roster, validated. The three identities differ in real life and are all
 * kept: {@code osUser} (the map key, pinned), {@code authentikUser} (SSO), {@code k8sUser} (RBAC).
 */
public record UserSpec(
    String osUser,
    String authentikUser,
    String k8sUser,
    Tier tier,
    List<String> namespaces,
    CodeLayout codeLayout,
    List<String> repos,
    boolean parked,
    boolean claudeAuth,
    Optional<String> gitName,
    Optional<String> gitEmail,
    Optional<String> forgejoUser) {

  public UserSpec {
    namespaces = List.copyOf(namespaces);
    repos = List.copyOf(repos);
  }

  /** Claude auth is forced off for a parked user: nobody should be signing in. */
  public boolean effectiveClaudeAuth() {
    return claudeAuth && !parked;
  }
}
