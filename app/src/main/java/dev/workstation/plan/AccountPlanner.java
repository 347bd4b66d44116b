package dev.workstation.plan;

import dev.workstation.roster.AccountSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Accounts and tier groups. Creates what is missing; for an existing account only adds groups —
 * never strips one, never changes its shell, lock state or home mode (additive-only). A new
 * account's uid is the one settled before planning ({@link Uids}).
 */
public final class AccountPlanner {
  static final String FALLBACK_SHELL = "/bin/bash";

  /** Below this an account is the system's, not a person's: never managed. */
  static final int MIN_HUMAN_UID = 1000;

  private AccountPlanner() {}

  public static Plan plan(Desired desired, Observed observed, Scope scope) {
    return plan(scope.users(), observed.host(), observed.uids());
  }

  static Plan plan(Iterable<AccountSpec> desired, HostSnapshot host, Uids uids) {
    List<Action> actions = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
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
        var settled = uids.of(user);
        if (settled.isEmpty()) {
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
        int uid = settled.getAsInt();
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
