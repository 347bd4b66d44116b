package dev.workstation.plan;

import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.DesiredState;
import dev.workstation.roster.PortFiles;
import dev.workstation.site.SiteConfig;
import dev.workstation.units.Units;
import dev.workstation.util.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-user surfaces and the generated files: env files with the sticky ports (other lines kept),
 * each per-user unit enabled for active users and disabled + stopped for parked ones, and {@code
 * /etc/ttyd-user-map}, {@code /etc/ttyd-admins}, {@code dispatch.json}.
 */
public final class SurfacePlanner {
  public static final Path TTYD_USER_MAP = Path.of("/etc/ttyd-user-map");
  public static final Path TTYD_ADMINS = Path.of("/etc/ttyd-admins");

  private SurfacePlanner() {}

  /** Files this planner reads, so the observer knows what to look at. */
  public static List<Path> files(SiteConfig site, List<AccountSpec> users) {
    List<Path> out =
        new ArrayList<>(
            List.of(TTYD_USER_MAP, TTYD_ADMINS, site.units().envDir().resolve("dispatch.json")));
    for (AccountSpec u : users) {
      out.add(envFile(site, u.osUser()));
    }
    return out;
  }

  static Path envFile(SiteConfig site, String user) {
    return site.units().envDir().resolve(user + ".env");
  }

  public static Plan plan(
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
    for (AccountSpec u : users) {
      Path env = envFile(site, u.osUser());
      String wanted =
          envContent(
              facts.files().getOrDefault(env.toString(), Optional.empty()).orElse(""),
              desired,
              u.osUser());
      write(actions, notes, facts, u.osUser(), env, wanted, "rw-------", "sticky ports");
      for (String template : site.units().perUser()) {
        String unit = template + u.osUser() + ".service";
        Units.UnitState state =
            facts.units().getOrDefault(unit, new Units.UnitState(false, false, false));
        if (facts.unitsUnavailable() != null) {
          boolean change = u.parked() ? state.enabled() || state.active() : !state.enabled();
          if (change) {
            notes.add(
                Note.info(
                    u.osUser(),
                    "skipped "
                        + (u.parked() ? "disable" : "enable")
                        + " "
                        + unit
                        + ": "
                        + facts.unitsUnavailable()));
          }
          continue;
        }
        if (u.parked()) {
          if (state.enabled() || state.active() || state.failed()) {
            actions.add(new DisableUnit(u.osUser(), unit, "parked"));
          }
        } else if (!state.enabled() || (facts.runtimeKnown() && !state.active())) {
          actions.add(new EnableUnit(u.osUser(), unit));
        }
      }
    }
    if (wholeRoster) {
      write(
          actions,
          notes,
          facts,
          "-",
          TTYD_USER_MAP,
          desired.ttydUserMap(),
          "rw-r--r--",
          "SSO user → account map");
      write(actions, notes, facts, "-", TTYD_ADMINS, desired.ttydAdmins(), "rw-r--r--", "admins");
      write(
          actions,
          notes,
          facts,
          "-",
          site.units().envDir().resolve("dispatch.json"),
          dispatchJson(desired),
          "rw-r--r--",
          "web surface dispatch");
    }
    return new Plan(actions, notes);
  }

  private static void write(
      List<Action> actions,
      List<Note> notes,
      SurfaceFacts facts,
      String user,
      Path path,
      String content,
      String mode,
      String why) {
    String blocked = facts.blocked().get(path.toString());
    if (blocked != null) {
      notes.add(Note.warn(user, path + " is " + blocked + "; not replaced"));
      return;
    }
    Optional<String> current = facts.files().getOrDefault(path.toString(), Optional.empty());
    if (current.isEmpty() || !current.get().equals(content)) {
      actions.add(new WriteFile(user, path, content, mode, why));
    }
  }

  /** The env file with each pool's {@code <POOL>_PORT=} set; every other line kept as it was. */
  static String envContent(String current, DesiredState desired, String user) {
    List<String> lines =
        new ArrayList<>(current.isEmpty() ? List.of() : List.of(current.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    for (Map.Entry<String, java.util.SortedMap<String, Integer>> pool :
        desired.ports().entrySet()) {
      Integer port = pool.getValue().get(user);
      if (port == null) {
        continue;
      }
      String var = PortFiles.variable(pool.getKey());
      String line = var + "=" + port;
      boolean found = false;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).strip().startsWith(var + "=")) {
          lines.set(i, line);
          found = true;
        }
      }
      if (!found) {
        lines.add(line);
      }
    }
    return String.join("\n", lines) + "\n";
  }

  static String dispatchJson(DesiredState desired) {
    Map<String, Object> out = new LinkedHashMap<>();
    desired
        .dispatch()
        .forEach(
            (sso, d) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("os_user", d.osUser());
              m.put("port", d.port());
              out.put(sso, m);
            });
    return Json.write(out);
  }
}
