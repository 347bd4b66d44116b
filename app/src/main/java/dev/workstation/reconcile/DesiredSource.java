package dev.workstation.reconcile;

import dev.workstation.derive.Deriver;
import dev.workstation.derive.PortFiles;
import dev.workstation.kube.ClusterCa;
import dev.workstation.kube.Kubeconfig;
import dev.workstation.plan.Desired;
import dev.workstation.plan.Note;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.DesiredState;
import dev.workstation.roster.Roster;
import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes a run's {@link Desired} once: the roster derived (with the sticky ports already on the
 * host), the launcher read, and each kubeconfig rendered — the same bytes the observer asks homes
 * about and the planners write.
 */
final class DesiredSource {
  private DesiredSource() {}

  static Desired of(SiteConfig site, Path configPath, RosterIntake.Intake intake, List<Note> notes)
      throws IOException {
    Roster roster = intake.roster();
    Map<String, Map<String, Integer>> ports =
        PortFiles.read(
            site.units().envDir(), roster.users().keySet(), site.units().portPools().values());
    DesiredState state = Deriver.derive(roster, site, ports);
    Optional<String> launcher = readLauncher(site, notes);
    Map<String, String> kubeconfigs = new LinkedHashMap<>();
    if (site.kube().isPresent()) {
      String ca = ClusterCa.of(site.kube().get(), configPath);
      for (AccountSpec a : state.accounts().values()) {
        kubeconfigs.put(a.osUser(), Kubeconfig.render(a, site.kube().get(), ca));
      }
    }
    return new Desired(
        site,
        roster,
        state,
        launcher,
        intake.loaded().managedSettings(),
        intake.loaded().managedSettingsName(),
        kubeconfigs,
        site.repos().map(r -> URI.create(r.baseUrl())));
  }

  private static Optional<String> readLauncher(SiteConfig site, List<Note> notes) {
    if (site.launcher().isEmpty()) {
      return Optional.empty();
    }
    Path source = site.launcher().get().source();
    try {
      return Optional.of(Files.readString(source, StandardCharsets.UTF_8));
    } catch (IOException e) {
      notes.add(
          Note.warn(
              "-",
              "launcher.source "
                  + source
                  + " cannot be read ("
                  + e.getMessage()
                  + "); launchers not deployed"));
      return Optional.empty();
    }
  }
}
