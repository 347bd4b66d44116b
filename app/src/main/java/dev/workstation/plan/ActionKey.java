package dev.workstation.plan;

/**
 * An action's identity within a plan — what another action names in {@link Action#dependsOn()}.
 * Printed {@code kind:user} or {@code kind:user:target}, as the "depends on …" reasons show it.
 *
 * @param target what the action is about when one user has several of that kind (a path, a unit, a
 *     repository); empty otherwise
 */
public record ActionKey(String kind, String user, String target) {

  public static ActionKey of(String kind, String user) {
    return new ActionKey(kind, user, "");
  }

  public static ActionKey of(String kind, String user, Object target) {
    return new ActionKey(kind, user, String.valueOf(target));
  }

  /** The account a new user's every other action waits for. */
  public static ActionKey createAccount(String user) {
    return of("create-account", user);
  }

  /** The layout move a workspace user's clones wait for. */
  public static ActionKey migrateLayout(String user) {
    return of("migrate-layout", user);
  }

  @Override
  public String toString() {
    return kind + ":" + user + (target.isEmpty() ? "" : ":" + target);
  }
}
