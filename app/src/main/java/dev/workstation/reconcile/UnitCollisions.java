package dev.workstation.reconcile;

import dev.workstation.host.HomeReader;
import dev.workstation.host.TcpListeners;
import dev.workstation.plan.Note;
import dev.workstation.plan.ObservedAccount;
import dev.workstation.roster.DesiredState;
import dev.workstation.site.PortPool;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.UnitTemplate;
import dev.workstation.units.Units;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What of a user's own would make a configured per-user unit crash-loop (SPEC §6.7; the original's
 * counted ~185,000 restarts over 16 days): a unit of theirs of the same name in {@code
 * ~/.config/systemd/user/} (listed by root through {@link HomeReader}, never following a link), or
 * a process of theirs listening on a port the unit reads from its pool's env file (the kernel's
 * socket tables, and the socket's holder: a process in the unit's own cgroup is the unit itself).
 */
final class UnitCollisions {
  static final String USER_UNITS = ".config/systemd/user";

  private final SiteConfig site;
  private final Units units;

  UnitCollisions(SiteConfig site, Units units) {
    this.site = site;
    this.units = units;
  }

  /**
   * Per-user unit → what collides with it, for each account and the units it is to run; what cannot
   * be looked at: notes.
   */
  Map<String, String> observe(
      Map<ObservedAccount, List<UnitTemplate>> running, DesiredState desired, List<Note> notes)
      throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    List<TcpListeners.Listener> listening = TcpListeners.all();
    List<String> services = new ArrayList<>();
    running.forEach(
        (a, templates) ->
            templates.stream()
                .filter(t -> !t.isTimer())
                .forEach(t -> services.add(t.instance(a.name()))));
    Map<String, List<Path>> envFiles = units.environmentFiles(services);
    for (Map.Entry<ObservedAccount, List<UnitTemplate>> e : running.entrySet()) {
      ObservedAccount a = e.getKey();
      Set<String> own = ownUnits(a, notes);
      for (UnitTemplate t : e.getValue()) {
        String unit = t.instance(a.name());
        sameName(t, a.name(), own)
            .or(
                () ->
                    portTaken(a, unit, desired, envFiles.getOrDefault(unit, List.of()), listening))
            .ifPresent(why -> out.put(unit, why));
      }
    }
    return out;
  }

  /** The names in the user's {@code ~/.config/systemd/user/}; none when it is absent or refused. */
  private static Set<String> ownUnits(ObservedAccount a, List<Note> notes) {
    try (HomeReader home = HomeReader.open(a.home(), a.uid())) {
      return home.list(USER_UNITS)
          .map(m -> (Set<String>) new HashSet<>(m.keySet()))
          .orElse(Set.of());
    } catch (IOException e) {
      notes.add(
          Note.info(
              a.name(),
              "cannot look for units of "
                  + a.name()
                  + "'s own in ~/"
                  + USER_UNITS
                  + ": "
                  + e.getMessage()));
      return Set.of();
    }
  }

  /** {@code NAME@.service}, {@code NAME@user.service} or {@code NAME.service} of the user's own. */
  private static Optional<String> sameName(UnitTemplate t, String user, Set<String> own) {
    String bare = t.prefix().substring(0, t.prefix().length() - 1) + "." + t.type();
    for (String name : List.of(t.instance(user), t.file(), bare)) {
      if (own.contains(name)) {
        return Optional.of(
            "~/" + USER_UNITS + "/" + name + " is a unit of " + user + "'s own of the same name");
      }
    }
    return Optional.empty();
  }

  /** A port of the unit's pools held by a process of the user's that is not the unit itself. */
  private Optional<String> portTaken(
      ObservedAccount a,
      String unit,
      DesiredState desired,
      List<Path> envFiles,
      List<TcpListeners.Listener> listening) {
    for (PortPool pool : site.units().portPools().values()) {
      Integer port =
          desired.ports().getOrDefault(pool.name(), new java.util.TreeMap<>()).get(a.name());
      Path file = site.units().envDir().resolve(pool.fileName(a.name()));
      if (port == null || !envFiles.contains(file)) {
        continue; // not a port this unit reads
      }
      for (TcpListeners.Listener l : listening) {
        if (l.port() != port || l.uid() != a.uid()) {
          continue;
        }
        Long pid = holders(l).get(l.inode());
        if (pid != null && TcpListeners.cgroup(pid).orElse("").endsWith("/" + unit)) {
          continue; // the unit itself listens there
        }
        return Optional.of(
            "port "
                + port
                + " ("
                + pool.key()
                + ") is already taken by "
                + (pid == null
                    ? "a process of " + a.name() + "'s"
                    : a.name() + "'s process " + pid + " (" + TcpListeners.comm(pid) + ")"));
      }
    }
    return Optional.empty();
  }

  private static Map<Long, Long> holders(TcpListeners.Listener l) {
    try {
      return TcpListeners.holders(Set.of(l.inode()));
    } catch (IOException e) {
      return Map.of();
    }
  }
}
