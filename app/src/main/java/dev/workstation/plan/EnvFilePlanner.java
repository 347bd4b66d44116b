package dev.workstation.plan;

import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.DesiredState;
import dev.workstation.site.PortPool;
import dev.workstation.site.SiteConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each user's env files ({@code units.env_dir}, SPEC §6.7): every port pool's key set to the user's
 * sticky port in that pool's own file, other lines kept byte for byte, {@code env_strip} keys
 * removed. Listed before the units that read them, so a unit starts with its port in place. The
 * facet is only its files: {@link RootFilePlanner} compares and writes them.
 */
public final class EnvFilePlanner {
  private EnvFilePlanner() {}

  /**
   * Each user's env files, as an edit of what each holds now (written only with {@code units:}).
   */
  public static List<RootFile> files(Desired desired, Scope scope, Uids uids) {
    List<RootFile> out = new ArrayList<>();
    for (AccountSpec u : scope.users()) {
      out.addAll(files(desired.state(), desired.site(), u.osUser()));
    }
    return out;
  }

  /** {@code user}'s env files: one per pool file, each pool's key set to their sticky port. */
  public static List<RootFile> files(DesiredState desired, SiteConfig site, String user) {
    List<RootFile> out = new ArrayList<>();
    for (Map.Entry<String, List<PortPool>> file : site.units().envFiles(user).entrySet()) {
      Map<String, Integer> ports = new LinkedHashMap<>();
      for (PortPool pool : file.getValue()) {
        Integer port = desired.ports().getOrDefault(pool.name(), new TreeMap<>()).get(user);
        if (port != null) {
          ports.put(pool.key(), port);
        }
      }
      Path path = site.units().envDir().resolve(file.getKey());
      out.add(
          new RootFile(
              Owner.user(user),
              path,
              "rw-------",
              site.unitsConfigured(),
              new RootFile.Edited(
                  current -> EnvFileEdit.of(current, ports, site.units().envStrip()))));
    }
    return out;
  }
}
