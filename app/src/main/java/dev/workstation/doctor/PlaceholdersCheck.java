package dev.workstation.doctor;

import dev.workstation.input.Problem;
import dev.workstation.site.Placeholders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One failing check per key of the site config that still holds the shipped example's value. */
final class PlaceholdersCheck {
  private PlaceholdersCheck() {}

  static List<Check> run(Path config) {
    List<Check> out = new ArrayList<>();
    for (Problem p : Placeholders.find(config)) {
      out.add(
          Check.fail(
              "fill in " + p.path(),
              p.message(),
              "edit " + config + (p.line() > 0 ? " line " + p.line() : "")));
    }
    return out;
  }
}
