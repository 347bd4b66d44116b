package dev.workstation.reconcile;

import dev.workstation.plan.GeneratedFiles;
import dev.workstation.plan.RootFile;
import dev.workstation.plan.SurfacePlanner;
import dev.workstation.plan.WriteFile;
import dev.workstation.reconcile.AdoptionReport.Finding;
import dev.workstation.reconcile.AdoptionReport.Flag;
import dev.workstation.roster.DesiredState;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.UnitTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host's part of {@code adopt --check}: each generated file (identical, adopted as it is,
 * created or rewritten), every other machine-wide write, and where each unit template is. Pure.
 */
final class AdoptedHost {
  private AdoptedHost() {}

  static List<Finding> findings(
      SiteConfig site,
      DesiredState desired,
      Adoption.Observed seen,
      List<WriteFile> writes,
      boolean wholeRoster) {
    List<Finding> out = new ArrayList<>();
    for (RootFile f : SurfacePlanner.generated(desired, site, wholeRoster)) {
      if (f.gate() && f.content() instanceof RootFile.Entries e) {
        generated(seen, writes, f.path(), e.text()).ifPresent(out::add);
      }
    }
    for (WriteFile w : writes) {
      if (out.stream().noneMatch(f -> f.facet().equals(w.path().toString()))) {
        out.add(Finding.change("-", w.path().toString(), w.describe()));
      }
    }
    for (UnitTemplate t : site.units().perUser()) {
      Optional<String> at = seen.templates().getOrDefault(t.file(), Optional.empty());
      out.add(
          at.isPresent()
              ? Finding.same("-", t.file(), at.get() + " (the site's: workstation never writes it)")
              : Finding.flagged(
                  "-",
                  t.file(),
                  Flag.CHANGES_UNIT,
                  "not installed: its units cannot be enabled (install it, or drop it from"
                      + " units.per_user)"));
    }
    return out;
  }

  /** One generated file; empty when it is absent and stays so (nothing there, nothing planned). */
  private static Optional<Finding> generated(
      Adoption.Observed seen, List<WriteFile> writes, Path path, String wanted) {
    Optional<String> current = seen.files().getOrDefault(path.toString(), Optional.empty());
    boolean planned = writes.stream().anyMatch(w -> w.path().equals(path));
    String facet = path.toString();
    if (planned && current.isEmpty()) {
      return Optional.of(Finding.change("-", facet, "created"));
    } else if (planned) {
      return Optional.of(
          Finding.flagged(
              "-", facet, Flag.REWRITES_FILE, "rewritten: its entries differ from the roster's"));
    } else if (current.isPresent()) {
      String diff = GeneratedFiles.difference(current.get(), wanted);
      return Optional.of(
          Finding.same(
              "-",
              facet,
              diff + (current.get().equals(wanted) ? "" : ": kept as it is, not rewritten")));
    }
    return Optional.empty();
  }
}
