package dev.workstation.plan;

import dev.workstation.roster.Tier;
import dev.workstation.roster.UserSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The roster's tiers against the cluster's truth ({@code k8s_users} in Vault: {@code {k8s_user:
 * {role, namespaces, …}}}). A non-admin whose tier differs from their cluster role is an error —
 * the run aborts before any change; one the cluster does not know yet is a warning (grant pending).
 * Admins are exempt.
 */
public final class TierCheck {
  private TierCheck() {}

  /** One finding about one roster user. */
  public record Finding(String osUser, String message) {}

  public record Result(List<Finding> mismatches, List<Finding> pending) {}

  public static Result check(Iterable<UserSpec> users, Map<String, Object> k8sUsers) {
    List<Finding> mismatches = new ArrayList<>();
    List<Finding> pending = new ArrayList<>();
    for (UserSpec u : users) {
      if (u.tier() == Tier.ADMIN) {
        continue;
      }
      Object entry = k8sUsers.get(u.k8sUser());
      if (!(entry instanceof Map<?, ?> m) || m.get("role") == null) {
        pending.add(
            new Finding(
                u.osUser(),
                "k8s_user " + u.k8sUser() + " is not in k8s_users yet (grant pending)"));
        continue;
      }
      String role = normalize(String.valueOf(m.get("role")));
      if (!role.equals(u.tier().id())) {
        mismatches.add(
            new Finding(
                u.osUser(),
                "roster tier is "
                    + u.tier().id()
                    + " but the cluster role of k8s_user "
                    + u.k8sUser()
                    + " is "
                    + role));
      }
    }
    return new Result(mismatches, pending);
  }

  /**
   * {@code kubernetes-power-users} and {@code power-user} name the same tier: the prefix goes, and
   * a tier's own plural is that tier. Any other role is kept as it is, a trailing "s" included.
   */
  static String normalize(String role) {
    String r = role.toLowerCase(Locale.ROOT).strip();
    if (r.startsWith("kubernetes-")) {
      r = r.substring("kubernetes-".length());
    }
    for (Tier t : Tier.values()) {
      if (r.equals(t.id() + "s")) {
        return t.id();
      }
    }
    return r;
  }
}
