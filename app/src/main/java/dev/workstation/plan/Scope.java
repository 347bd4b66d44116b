package dev.workstation.plan;

import dev.workstation.roster.AccountSpec;
import java.util.List;
import java.util.Optional;

/**
 * Whom a run is about: every roster account, or the one {@code --user} names. Machine-wide files
 * that describe the whole roster (the maps) are written only by a whole-roster run.
 *
 * @param users the accounts in scope, in roster (os_user) order
 */
public record Scope(List<AccountSpec> users, Optional<String> onlyUser) {
  public Scope {
    users = List.copyOf(users);
  }

  public static Scope whole(List<AccountSpec> users) {
    return new Scope(users, Optional.empty());
  }

  public boolean wholeRoster() {
    return onlyUser.isEmpty();
  }

  /** Whether {@code user} is in this run's scope (a cut or restore of them included). */
  public boolean includes(String user) {
    return onlyUser.map(user::equals).orElse(true);
  }
}
