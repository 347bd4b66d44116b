package dev.workstation.reconcile;

import dev.workstation.git.CloneStatus;
import dev.workstation.host.Nss;
import dev.workstation.worker.WorkerRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/** Per-user facts for {@code status}: the account's state and each clone's, read as the user. */
public final class UserFacts {
  private UserFacts() {}

  /** What a roster user's account is on the host. */
  public enum Account {
    /** There, a person's, not expired. */
    OK,
    /** No account of that name. */
    MISSING,
    /** Expired: cut. */
    CUT,
    /** A system account (uid below 1000): never managed. */
    SYSTEM;

    /** The word status shows: {@code ok}, {@code missing}, … */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static Account account(String user) {
    var pw = Nss.user(user);
    if (pw.isEmpty()) {
      return Account.MISSING;
    }
    var sh = Nss.shadow(user);
    if (sh.isPresent()
        && sh.get().expireDay() >= 0
        && sh.get().expireDay() <= System.currentTimeMillis() / 86_400_000L) {
      return Account.CUT;
    }
    return pw.get().uid() < 1000 ? Account.SYSTEM : Account.OK;
  }

  /** Each clone's state, read as the user within {@code bound} (their home may be hostile). */
  public static Map<String, CloneStatus> clones(String user, java.time.Duration bound) {
    if (Nss.user(user).isEmpty()) {
      return Map.of();
    }
    try {
      return new LinkedHashMap<>(
          HostEffects.callAs(user, new WorkerRequest.CloneStatus(), bound).clones());
    } catch (Exception e) {
      return Map.of("~/code", CloneStatus.unreadable(String.valueOf(e.getMessage())));
    }
  }
}
