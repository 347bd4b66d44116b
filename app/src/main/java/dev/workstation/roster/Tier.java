package dev.workstation.roster;

import java.util.Arrays;
import java.util.Optional;

/** The RBAC tier that keys both cluster access and the Workstation profile. */
public enum Tier {
  ADMIN("admin"),
  POWER_USER("power-user"),
  NAMESPACE_OWNER("namespace-owner");

  private final String id;

  Tier(String id) {
    this.id = id;
  }

  /** The name used in the roster, site config and JSON. */
  public String id() {
    return id;
  }

  public static Optional<Tier> parse(String s) {
    return Arrays.stream(values()).filter(t -> t.id.equals(s)).findFirst();
  }

  public static String choices() {
    return "admin, power-user, namespace-owner";
  }
}
