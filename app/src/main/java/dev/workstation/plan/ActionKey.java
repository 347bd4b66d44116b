package dev.workstation.plan;

/**
 * An action's identity within a plan — what another action names in {@link Action#dependsOn()}.
 * Printed {@code kind:owner} or {@code kind:owner:target}, as the "depends on …" reasons show it.
 *
 * @param target what the action is about when one owner has several of that kind (a path, a unit, a
 *     repository); empty otherwise
 */
public record ActionKey(String kind, Owner owner, String target) {

  public static ActionKey of(String kind, Owner owner) {
    return new ActionKey(kind, owner, "");
  }

  public static ActionKey of(String kind, String user) {
    return of(kind, Owner.user(user));
  }

  public static ActionKey of(String kind, Owner owner, Object target) {
    return new ActionKey(kind, owner, String.valueOf(target));
  }

  public static ActionKey of(String kind, String user, Object target) {
    return of(kind, Owner.user(user), target);
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
    return kind + ":" + owner.label() + (target.isEmpty() ? "" : ":" + target);
  }
}
