package dev.workstation.doctor;

import dev.workstation.site.SiteConfig;
import dev.workstation.site.UnitTemplate;
import dev.workstation.units.Units;
import java.util.ArrayList;
import java.util.List;

/** Every configured per-user template must be installed: the site's, not the package's. */
final class UnitTemplatesCheck implements SiteCheck {
  private final Units units;

  UnitTemplatesCheck(Units units) {
    this.units = units;
  }

  @Override
  public List<Check> run(SiteConfig s) {
    if (!s.unitsConfigured() || s.units().perUser().isEmpty()) {
      return List.of();
    }
    List<String> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (UnitTemplate t : s.units().perUser()) {
      units.unitFile(t.file()).ifPresentOrElse(found::add, () -> missing.add(t.file()));
    }
    return List.of(
        Check.of(
            "unit templates",
            missing.isEmpty(),
            missing.isEmpty()
                ? String.join(", ", found)
                : "not installed: " + String.join(", ", missing),
            "install each template with the surface it runs (docs/examples/t3-serve@.service shows"
                + " the shape), or drop it from units.per_user"));
  }
}
