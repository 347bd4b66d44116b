package dev.workstation.reconcile;

import dev.workstation.git.CloneStatus;
import dev.workstation.host.Nss;
import dev.workstation.worker.WorkerRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/** Per-user facts for {@code status}: the account's state and each clone's, read as the user. */
public final class UserFacts {
  private UserFacts() {}

  /** ok | missing | cut (expired) | system */
  public static String account(String user) {
    var pw = Nss.user(user);
    if (pw.isEmpty()) {
      return "missing";
    }
    var sh = Nss.shadow(user);
    if (sh.isPresent()
        && sh.get().expireDay() >= 0
        && sh.get().expireDay() <= System.currentTimeMillis() / 86_400_000L) {
      return "cut";
    }
    return pw.get().uid() < 1000 ? "system" : "ok";
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
