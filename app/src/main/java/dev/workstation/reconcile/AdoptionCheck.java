package dev.workstation.reconcile;

import dev.workstation.derive.PortFiles;
import dev.workstation.host.Nss;
import dev.workstation.plan.SurfacePlanner;
import dev.workstation.plan.UserUnit;
import dev.workstation.roster.AccountSpec;
import dev.workstation.site.PortPool;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.UnitTemplate;
import dev.workstation.units.Units;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code workstation adopt --check}: plans a reconcile (applying nothing, like {@code plan}) and
 * reads what else an admin about to switch needs to see — the ports each pool has on record, keys
 * sitting in files their pool does not read, the accounts' shells, the units and their templates —
 * into an {@link AdoptionReport}. Read-only.
 */
public final class AdoptionCheck {
  private AdoptionCheck() {}

  public static AdoptionReport run(
      SiteConfig site,
      Path configPath,
      Ports ports,
      Optional<Path> rosterFile,
      Optional<String> user)
      throws IOException {
    Reconciler.Result r =
        new Reconciler(site, configPath, ports)
            .run(new Reconciler.Options(rosterFile, user, false, false), rep -> {});
    List<String> users = r.accounts().stream().map(AccountSpec::osUser).toList();
    Map<String, String> shells = new HashMap<>();
    for (String u : users) {
      Nss.user(u).ifPresent(p -> shells.put(u, p.shell()));
    }
    Map<String, Map<String, Integer>> recorded =
        PortFiles.read(site.units().envDir(), users, site.units().portPools().values());
    Units units = ports.units();
    String unavailable = units.unavailableReason();
    Map<String, Units.UnitState> states =
        unavailable == null && site.unitsConfigured() && !site.units().perUser().isEmpty()
            ? units.states(UserUnit.names(SurfacePlanner.siteUnits(site), users))
            : Map.of();
    Map<String, Optional<String>> templates = new LinkedHashMap<>();
    for (UnitTemplate t : site.units().perUser()) {
      templates.put(t.file(), units.unitFile(t.file()));
    }
    Adoption.Observed seen =
        new Adoption.Observed(
            shells,
            recorded,
            strayPorts(site, users, recorded),
            r.observed().surface().files(),
            states,
            templates,
            unavailable);
    return Adoption.report(r, site, seen, user.isEmpty());
  }

  /**
   * For each user and pool with no port on record: a file in the env dir named for that user (e.g.
   * {@code emo.env}, {@code playwright-emo.env}) that does hold the pool's key. That is the shape
   * of a misconfigured pool — the port is there, the pool looks elsewhere — and the first reconcile
   * would hand out a new one.
   */
  static Map<String, Map<String, String>> strayPorts(
      SiteConfig site, List<String> users, Map<String, Map<String, Integer>> recorded)
      throws IOException {
    Map<String, Map<String, String>> out = new HashMap<>();
    Path dir = site.units().envDir();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    List<Path> envFiles = new ArrayList<>();
    try (var list = Files.list(dir)) {
      list.filter(p -> p.getFileName().toString().endsWith(".env"))
          .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .sorted()
          .forEach(envFiles::add);
    }
    for (String u : users) {
      for (PortPool pool : site.units().portPools().values()) {
        if (recorded.getOrDefault(pool.name(), Map.of()).containsKey(u)) {
          continue;
        }
        for (Path f : envFiles) {
          String name = f.getFileName().toString();
          String stem = name.substring(0, name.length() - ".env".length());
          boolean theirs = stem.equals(u) || stem.endsWith("-" + u) || stem.startsWith(u + "-");
          if (!theirs || name.equals(pool.fileName(u)) || Files.size(f) > 64 * 1024) {
            continue;
          }
          String text = Files.readString(f, StandardCharsets.ISO_8859_1);
          var port = PortFiles.port(text, pool.key());
          if (port.isPresent()) {
            out.computeIfAbsent(u, k -> new HashMap<>())
                .put(pool.name(), pool.key() + "=" + port.getAsInt() + " is in " + f);
            break;
          }
        }
      }
    }
    return out;
  }
}
