package dev.workstation.plan;

import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.DesiredState;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.UnitTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Per-user surfaces and the generated files: the per-user units ({@link UnitPlanner}), and {@code
 * /etc/ttyd-user-map}, {@code /etc/ttyd-admins}, {@code dispatch.json}. (Each user's env files are
 * {@link EnvFilePlanner}'s.)
 */
public final class SurfacePlanner {
  public static final Path TTYD_USER_MAP = Path.of("/etc/ttyd-user-map");
  public static final Path TTYD_ADMINS = Path.of("/etc/ttyd-admins");

  private SurfacePlanner() {}

  /** Files this planner reads, so the observer knows what to look at. */
  public static List<Path> files(SiteConfig site, List<AccountSpec> users) {
    return List.of(TTYD_USER_MAP, TTYD_ADMINS, dispatchPath(site));
  }

  /** The units whose state the planners read for {@code users}: instances and timers' services. */
  public static List<String> unitNames(SiteConfig site, Collection<String> users) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String u : users) {
      for (UnitTemplate t : site.units().perUser()) {
        out.add(t.instance(u));
        t.triggered(u).ifPresent(out::add);
      }
    }
    return List.copyOf(out);
  }

  public static Path dispatchPath(SiteConfig site) {
    return site.units().envDir().resolve("dispatch.json");
  }

  public static Plan plan(Desired want, Observed observed, Scope scope) {
    return plan(want.state(), scope.users(), observed.surface(), want.site(), scope.wholeRoster());
  }

  static Plan plan(
      DesiredState desired,
      List<AccountSpec> users,
      SurfaceFacts facts,
      SiteConfig site,
      boolean wholeRoster) {
    List<Action> actions = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    if (!site.unitsConfigured()) {
      return new Plan(actions, notes);
    }
    Plan units = UnitPlanner.plan(users, facts, site);
    actions.addAll(units.actions());
    notes.addAll(units.notes());
    if (wholeRoster) {
      generated(
          actions, notes, facts, TTYD_USER_MAP, desired.ttydUserMap(), "SSO user → account map");
      generated(actions, notes, facts, TTYD_ADMINS, desired.ttydAdmins(), "admins");
      generated(
          actions, notes, facts, dispatchPath(site), dispatchJson(desired), "web surface dispatch");
    }
    return new Plan(actions, notes);
  }

  private static void generated(
      List<Action> actions,
      List<Note> notes,
      SurfaceFacts facts,
      Path path,
      String content,
      String why) {
    Optional<String> current = facts.files().getOrDefault(path.toString(), Optional.empty());
    if (current.isPresent() && GeneratedFiles.sameContent(path, current.get(), content)) {
      return; // says the same as ours: not rewritten for its formatting alone
    }
    write(actions, notes, facts, Owner.AFTER_USERS, path, content, "rw-r--r--", why);
  }

  private static void write(
      List<Action> actions,
      List<Note> notes,
      SurfaceFacts facts,
      Owner owner,
      Path path,
      String content,
      String mode,
      String why) {
    if (blocked(notes, facts, owner.label(), path)) {
      return;
    }
    Optional<String> current = facts.files().getOrDefault(path.toString(), Optional.empty());
    if (current.isEmpty() || !current.get().equals(content)) {
      actions.add(new WriteFile(owner, path, content, mode, why));
    }
  }

  private static boolean blocked(List<Note> notes, SurfaceFacts facts, String user, Path path) {
    String blocked = facts.blocked().get(path.toString());
    if (blocked != null) {
      notes.add(Note.warn(user, path + " is " + blocked + "; not replaced"));
    }
    return blocked != null;
  }

  /**
   * {@code dispatch.json} as the original provisioner wrote it ({@code jq -c}: sorted, compact).
   */
  public static String dispatchJson(DesiredState desired) {
    Map<String, Object> out = new TreeMap<>();
    desired
        .dispatch()
        .forEach(
            (sso, d) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("os_user", d.osUser());
              m.put("port", d.port());
              out.put(sso, m);
            });
    return dev.workstation.util.Json.compactSorted(out) + "\n";
  }
}
