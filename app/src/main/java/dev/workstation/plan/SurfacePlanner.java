package dev.workstation.plan;

import dev.workstation.roster.DesiredState;
import dev.workstation.site.SiteConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * The generated files: the maps and {@code dispatch.json}, judged by their entries, written after
   * every lane by a whole-roster run with {@code units:} configured.
   */
  public static List<RootFile> files(Desired desired, Scope scope, Uids uids) {
    return generated(desired.state(), desired.site(), scope.wholeRoster());
  }

  /**
   * The generated files {@code desired} derives to; {@code write}: whether this run writes them.
   */
  public static List<RootFile> generated(DesiredState desired, SiteConfig site, boolean write) {
    boolean gate = write && site.unitsConfigured();
    return List.of(
        generated(TTYD_USER_MAP, gate, desired.ttydUserMap(), "SSO user → account map"),
        generated(TTYD_ADMINS, gate, desired.ttydAdmins(), "admins"),
        generated(dispatchPath(site), gate, dispatchJson(desired), "web surface dispatch"));
  }

  private static RootFile generated(Path path, boolean gate, String content, String why) {
    return RootFile.entries(Owner.AFTER_USERS, path, "rw-r--r--", gate, content, why);
  }

  /** The site's per-user units ({@code units.per_user}): each runs for every active user. */
  public static List<UserUnit> units(Desired desired) {
    return siteUnits(desired.site());
  }

  /** {@code units.per_user} as declared units; none without {@code units:}. */
  public static List<UserUnit> siteUnits(SiteConfig site) {
    if (!site.unitsConfigured()) {
      return List.of();
    }
    return site.units().perUser().stream().map(t -> new UserUnit(t, UserUnit.ACTIVE)).toList();
  }

  public static Path dispatchPath(SiteConfig site) {
    return site.units().envDir().resolve("dispatch.json");
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
