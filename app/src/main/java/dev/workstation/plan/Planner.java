package dev.workstation.plan;

import dev.workstation.roster.AccountSpec;
import dev.workstation.site.SiteConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One facet of the host, planned: a pure function of what the run wants, what it saw, and whom it
 * is about. It never touches the host; when the observed state already matches it returns an empty
 * plan, which is what makes a second run a no-op. Planners are listed once, in {@link Planners}.
 */
@FunctionalInterface
public interface Planner {
  Plan plan(Desired desired, Observed observed, Scope scope);

  /**
   * The root-owned files this planner compares against, so the observer reads them (into {@link
   * SurfaceFacts#files()}) before planning.
   */
  default List<Path> rootFiles(SiteConfig site, List<AccountSpec> users) {
    return List.of();
  }

  /** {@code planner}, reading the root-owned files {@code files} names. */
  static Planner reading(
      Planner planner, BiFunction<SiteConfig, List<AccountSpec>, List<Path>> files) {
    return new Planner() {
      @Override
      public Plan plan(Desired desired, Observed observed, Scope scope) {
        return planner.plan(desired, observed, scope);
      }

      @Override
      public List<Path> rootFiles(SiteConfig site, List<AccountSpec> users) {
        return files.apply(site, users);
      }
    };
  }
}
