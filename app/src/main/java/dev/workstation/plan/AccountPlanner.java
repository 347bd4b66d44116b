package dev.workstation.plan;

import dev.workstation.account.UidMap;
import dev.workstation.roster.AccountSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accounts and tier groups. Creates what is missing; for an existing account only adds groups —
 * never strips one, never changes its shell, lock state or home mode (additive-only).
 */
public final class AccountPlanner {
  static final String FALLBACK_SHELL = "/bin/bash";

  /** Below this an account is the system's, not a person's: never managed. */
  static final int MIN_HUMAN_UID = 1000;

  private AccountPlanner() {}

  public static Plan plan(Desired desired, Observed observed, Scope scope) {
    return plan(scope.users(), observed.host());
  }

  static Plan plan(Iterable<AccountSpec> desired, HostSnapshot host) {
    List<Action> actions = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    Set<Integer> taken = new HashSet<>(host.uidsInUse());
    Map<String, Integer> recorded = new HashMap<>(host.recordedUids());
    for (AccountSpec spec : desired) {
      String user = spec.osUser();
      List<String> groups = existingGroups(spec, host, notes);
      ObservedAccount observed = host.accounts().get(user);
      if (observed == null) {
        String shell = spec.shell();
        if (!host.shells().contains(shell)) {
          notes.add(
              Note.warn(
                  user,
                  "shell "
                      + shell
                      + " is not installed here; the account gets "
                      + FALLBACK_SHELL
                      + " (install it, or set default_shell)"));
          shell = FALLBACK_SHELL;
        }
        var chosen = UidMap.choose(user, recorded, taken, host.uidRange());
        if (chosen.isEmpty()) {
          notes.add(
              Note.warn(
                  user,
                  "no uid left in UID_MIN..UID_MAX of /etc/login.defs ("
                      + host.uidRange().min()
                      + ".."
                      + host.uidRange().max()
                      + "); widen the range to create this account"));
          continue;
        }
        int uid = chosen.getAsInt();
        taken.add(uid);
        recorded.put(user, uid);
        actions.add(new CreateAccount(user, shell, host.homeRoot().resolve(user), uid));
        if (!groups.isEmpty()) {
          actions.add(new AddToGroups(user, groups, true));
        }
        continue;
      }
      if (observed.uid() < MIN_HUMAN_UID) {
        notes.add(Note.warn(user, "is a system account (uid " + observed.uid() + "); not managed"));
        continue;
      }
      List<String> add = spec.groupsToAdd(observed.groups());
      add.retainAll(groups);
      if (!add.isEmpty()) {
        actions.add(new AddToGroups(user, add, false));
      }
    }
    return new Plan(actions, notes);
  }

  private static List<String> existingGroups(
      AccountSpec spec, HostSnapshot host, List<Note> notes) {
    List<String> present = new ArrayList<>();
    for (String g : spec.groups()) {
      if (host.groups().contains(g)) {
        present.add(g);
      } else {
        notes.add(
            Note.warn(
                spec.osUser(),
                "group "
                    + g
                    + " does not exist on this host; not added (create it, or drop it from tier_groups)"));
      }
    }
    return present;
  }
}
