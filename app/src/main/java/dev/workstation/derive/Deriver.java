package dev.workstation.derive;

import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.DesiredState;
import dev.workstation.roster.Roster;
import dev.workstation.roster.Tier;
import dev.workstation.roster.UserSpec;
import dev.workstation.site.PortPool;
import dev.workstation.site.SiteConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** Turns a validated roster into {@link DesiredState}. Pure and deterministic. */
public final class Deriver {

  /**
   * The maps' two-line header, shaped like the original provisioner's (what generated the file and
   * not to edit it; then what each line is). A map whose entries already match is never rewritten
   * for its header alone ({@code SurfacePlanner}), so a box taken over keeps the original's bytes.
   */
  public static final String USER_MAP_HEADER =
      "# Generated from roster.yaml by workstation \u2014 DO NOT EDIT BY HAND.\n"
          + "# <authentik_user>=<os_user>, one per line, ordered by port.\n";

  public static final String ADMINS_HEADER =
      "# Generated from roster.yaml by workstation \u2014 DO NOT EDIT BY HAND.\n"
          + "# <os_user> of each admin, one per line.\n";

  private Deriver() {}

  /**
   * @param existingPorts pool → os_user → port already assigned on the host (sticky); entries for
   *     users not on the roster are ignored
   */
  public static DesiredState derive(
      Roster roster, SiteConfig site, Map<String, Map<String, Integer>> existingPorts) {
    SortedMap<String, AccountSpec> accounts = new TreeMap<>();
    for (UserSpec u : roster.users().values()) {
      accounts.put(
          u.osUser(),
          new AccountSpec(
              u.osUser(),
              u.tier(),
              site.defaultShell(),
              true,
              site.groupsFor(u.tier()),
              u.codeLayout(),
              u.repos(),
              u.namespaces(),
              u.parked(),
              u.effectiveClaudeAuth(),
              u.authentikUser(),
              u.k8sUser()));
    }
    Map<String, SortedMap<String, Integer>> ports = assignPorts(roster, site, existingPorts);
    SortedMap<String, Integer> primary = primaryPool(ports);
    List<UserSpec> byPort = new ArrayList<>(roster.users().values());
    byPort.sort(
        Comparator.comparing((UserSpec u) -> primary.getOrDefault(u.osUser(), Integer.MAX_VALUE))
            .thenComparing(UserSpec::osUser));

    StringBuilder userMap = new StringBuilder(USER_MAP_HEADER);
    Map<String, DesiredState.DispatchEntry> dispatch = new LinkedHashMap<>();
    for (UserSpec u : byPort) {
      userMap.append(u.authentikUser()).append('=').append(u.osUser()).append('\n');
      dispatch.put(
          u.authentikUser(),
          new DesiredState.DispatchEntry(u.osUser(), primary.getOrDefault(u.osUser(), 0)));
    }
    StringBuilder admins = new StringBuilder(ADMINS_HEADER);
    for (AccountSpec a : accounts.values()) {
      if (a.tier() == Tier.ADMIN) {
        admins.append(a.osUser()).append('\n');
      }
    }
    return new DesiredState(accounts, ports, userMap.toString(), admins.toString(), dispatch);
  }

  /** The pool that dispatch and the maps are ordered by: {@code t3} if present, else the first. */
  static SortedMap<String, Integer> primaryPool(Map<String, SortedMap<String, Integer>> ports) {
    if (ports.containsKey("t3")) {
      return ports.get("t3");
    }
    return ports.isEmpty() ? new TreeMap<>() : ports.values().iterator().next();
  }

  /**
   * Every pool's ports. Sticky ports on the host are kept first, in every pool, so that no new port
   * is ever one another pool already holds; then each pool gives its newcomers the lowest free
   * ports from its base, in sorted user order.
   */
  static Map<String, SortedMap<String, Integer>> assignPorts(
      Roster roster, SiteConfig site, Map<String, Map<String, Integer>> existing) {
    Set<Integer> taken = new HashSet<>();
    Map<String, SortedMap<String, Integer>> ports = new LinkedHashMap<>();
    for (PortPool pool : site.units().portPools().values()) {
      ports.put(
          pool.name(),
          keepSticky(roster.users().keySet(), existing.getOrDefault(pool.name(), Map.of()), taken));
    }
    for (PortPool pool : site.units().portPools().values()) {
      allocate(roster.users().keySet(), pool.base(), ports.get(pool.name()), taken);
    }
    return ports;
  }

  /** A user keeps an existing port; one claimed twice in a pool goes to the first user by name. */
  static SortedMap<String, Integer> keepSticky(
      Set<String> users, Map<String, Integer> existing, Set<Integer> taken) {
    SortedMap<String, Integer> assigned = new TreeMap<>();
    Set<Integer> inPool = new HashSet<>();
    for (String user : new TreeSet<>(users)) {
      Integer port = existing.get(user);
      if (port != null && port > 0 && port < 65536 && inPool.add(port)) {
        assigned.put(user, port);
        taken.add(port);
      }
    }
    return assigned;
  }

  /** Newcomers get the lowest ports from {@code base} that no pool holds, in sorted user order. */
  static void allocate(
      Set<String> users, int base, SortedMap<String, Integer> assigned, Set<Integer> taken) {
    int next = base;
    for (String user : new TreeSet<>(users)) {
      if (assigned.containsKey(user)) {
        continue;
      }
      while (taken.contains(next)) {
        next++;
      }
      taken.add(next);
      assigned.put(user, next);
    }
  }
}
