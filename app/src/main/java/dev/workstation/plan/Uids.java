package dev.workstation.plan;

import dev.workstation.account.UidMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The uid of every roster user the run observed, settled once before any planner runs: an existing
 * account's own, and for an account this run creates the one {@code useradd} will be given (the
 * person's recorded uid back, else one above every uid recorded or in use). So a planner can name a
 * uid-keyed path ({@code user-<uid>.slice.d/…}) for an account created in the same run. Pure.
 *
 * @param byUser os_user → uid
 * @param noneLeft users without an account for whom UID_MIN..UID_MAX has no uid left: they get no
 *     account this run
 */
public record Uids(Map<String, Integer> byUser, Set<String> noneLeft) {
  public Uids {
    byUser = Map.copyOf(byUser);
    noneLeft = Set.copyOf(noneLeft);
  }

  /**
   * Settles {@code host}'s users: accounts keep their uid; the users it found without an account
   * are given theirs in os_user order, each choice taken before the next is made.
   */
  public static Uids settle(HostSnapshot host) {
    Map<String, Integer> out = new HashMap<>();
    host.accounts().forEach((name, a) -> out.put(name, a.uid()));
    Set<Integer> taken = new HashSet<>(host.uidsInUse());
    Map<String, Integer> recorded = new HashMap<>(host.recordedUids());
    Set<String> noneLeft = new HashSet<>();
    for (String user : new TreeSet<>(host.homePaths().keySet())) {
      OptionalInt chosen = UidMap.choose(user, recorded, taken, host.uidRange());
      if (chosen.isEmpty()) {
        noneLeft.add(user);
        continue;
      }
      taken.add(chosen.getAsInt());
      recorded.put(user, chosen.getAsInt());
      out.put(user, chosen.getAsInt());
    }
    return new Uids(out, noneLeft);
  }

  /** {@code user}'s uid: their account's, or the one this run creates it with; empty if neither. */
  public OptionalInt of(String user) {
    Integer uid = byUser.get(user);
    return uid == null ? OptionalInt.empty() : OptionalInt.of(uid);
  }
}
