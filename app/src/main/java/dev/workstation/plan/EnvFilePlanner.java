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
import java.util.Optional;
import java.util.TreeMap;

/**
 * Each user's env files ({@code units.env_dir}, SPEC §6.7): every port pool's key set to the user's
 * sticky port in that pool's own file, other lines kept byte for byte, {@code env_strip} keys
 * removed. Planned before the units that read them, so a unit starts with its port in place.
 */
public final class EnvFilePlanner {
  private EnvFilePlanner() {}

  /** The env files this facet reads and writes: observed once, as root-owned files. */
  public static List<Path> files(SiteConfig site, List<AccountSpec> users) {
    List<Path> out = new ArrayList<>();
    for (AccountSpec u : users) {
      for (String f : site.units().envFiles(u.osUser()).keySet()) {
        out.add(site.units().envDir().resolve(f));
      }
    }
    return out;
  }

  public static Plan plan(Desired desired, Observed observed, Scope scope) {
    List<Action> actions = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    SiteConfig site = desired.site();
    if (!site.unitsConfigured()) {
      return new Plan(actions, notes);
    }
    SurfaceFacts facts = observed.surface();
    for (AccountSpec u : scope.users()) {
      for (Map.Entry<Path, EnvFileEdit> e :
          envEdits(desired.state(), facts, site, u.osUser()).entrySet()) {
        Path path = e.getKey();
        String blocked = facts.blocked().get(path.toString());
        if (!e.getValue().rewritten()) {
          continue; // the ports are in place: the file is not rewritten for its formatting
        }
        if (blocked != null) {
          notes.add(Note.warn(u.osUser(), path + " is " + blocked + "; not replaced"));
        } else {
          actions.add(
              new WriteFile(
                  Owner.user(u.osUser()),
                  path,
                  e.getValue().content(),
                  "rw-------",
                  e.getValue().describe()));
        }
      }
    }
    return new Plan(actions, notes);
  }

  /**
   * Each of {@code user}'s env files (path → the edit it needs): its pools' keys set to their
   * sticky ports, the {@code env_strip} keys removed. A file that is absent or not a regular file
   * reads as empty.
   */
  public static Map<Path, EnvFileEdit> envEdits(
      DesiredState desired, SurfaceFacts facts, SiteConfig site, String user) {
    Map<Path, EnvFileEdit> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<PortPool>> file : site.units().envFiles(user).entrySet()) {
      Map<String, Integer> ports = new LinkedHashMap<>();
      for (PortPool pool : file.getValue()) {
        Integer port = desired.ports().getOrDefault(pool.name(), new TreeMap<>()).get(user);
        if (port != null) {
          ports.put(pool.key(), port);
        }
      }
      Path path = site.units().envDir().resolve(file.getKey());
      String current = facts.files().getOrDefault(path.toString(), Optional.empty()).orElse("");
      out.put(path, EnvFileEdit.of(current, ports, site.units().envStrip()));
    }
    return out;
  }
}
