package dev.workstation.doctor;

import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.site.SiteConfig;
import dev.workstation.site.SiteConfigParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The site config loads (every problem one failing line, in file order); then what only a loaded
 * config can say: the example's placeholders, and the roster source's trust settings.
 */
final class SiteConfigCheck {
  /** The checks, and the site when it loaded. */
  record Result(List<Check> checks, Optional<SiteConfig> site, boolean placeholders) {}

  private SiteConfigCheck() {}

  static Result run(Path config) {
    List<Check> out = new ArrayList<>();
    try {
      SiteConfig s = SiteConfigParser.load(config);
      out.add(Check.ok("site config", config.toString()));
      List<Check> placeholders = PlaceholdersCheck.run(config);
      out.addAll(placeholders);
      s.roster().ifPresent(r -> out.addAll(RosterSignersCheck.run(r)));
      return new Result(out, Optional.of(s), !placeholders.isEmpty());
    } catch (InvalidInputException e) {
      for (Problem p : e.problems()) {
        out.add(
            Check.fail(
                "site config", p.render(), "fix " + config + " (see workstation.example.yaml)"));
      }
      return new Result(out, Optional.empty(), false);
    }
  }
}
