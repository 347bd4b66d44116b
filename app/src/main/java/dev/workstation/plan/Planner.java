package dev.workstation.plan;

import dev.workstation.site.SiteConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * One facet of the host, planned: pure functions of what the run wants, what it saw, and whom it is
 * about. A facet declares the root-owned files it wants ({@link RootFile}: compared and written by
 * {@link RootFilePlanner}, never by the facet) and plans whatever else it needs as actions. It
 * never touches the host; when the observed state already matches it returns an empty plan, which
 * is what makes a second run a no-op. Planners are listed once, in {@link Planners}.
 *
 * @param actions the facet's actions other than its root files' writes
 * @param files the root-owned files it wants for a scope: the observer reads them before planning
 * @param accountFiles the root files of one account's that go with it: removed when the account is
 *     destroyed
 * @param units the per-user units it wants, each with the gate that says for whom ({@link
 *     UnitPlanner} enables and disables them; a cut disables them all)
 */
public record Planner(Actions actions, Files files, AccountFiles accountFiles, UserUnits units) {

  /** A facet's actions, other than root-file writes. */
  @FunctionalInterface
  public interface Actions {
    Plan plan(Desired desired, Observed observed, Scope scope);
  }

  /**
   * The root files a facet wants for {@code scope}. {@code uids} holds every user's uid, settled
   * before planning (new accounts' too), for a path keyed by uid.
   */
  @FunctionalInterface
  public interface Files {
    List<RootFile> files(Desired desired, Scope scope, Uids uids);
  }

  /**
   * The paths of {@code user}'s root files (uid {@code uid}) that must not outlive their account (a
   * slice drop-in keyed by a uid the next account may get). A file not listed here stays when the
   * account is destroyed (the env files do).
   */
  @FunctionalInterface
  public interface AccountFiles {
    List<Path> paths(SiteConfig site, String user, int uid);
  }

  /** The per-user units a facet wants. */
  @FunctionalInterface
  public interface UserUnits {
    List<UserUnit> units(Desired desired);
  }

  private static final Actions NO_ACTIONS = (d, o, s) -> new Plan(List.of(), List.of());
  private static final Files NO_FILES = (d, s, u) -> List.of();
  private static final AccountFiles NONE_GO = (site, user, uid) -> List.of();
  private static final UserUnits NO_UNITS = d -> List.of();

  /** A facet that plans actions and owns no root file. */
  public static Planner of(Actions actions) {
    return new Planner(actions, NO_FILES, NONE_GO, NO_UNITS);
  }

  /** A facet that is only root files: a declaration, nothing else. */
  public static Planner ofFiles(Files files) {
    return new Planner(NO_ACTIONS, files, NONE_GO, NO_UNITS);
  }

  /** This facet, also wanting {@code more} root files. */
  public Planner withFiles(Files more) {
    return new Planner(actions, more, accountFiles, units);
  }

  /** This facet, whose {@code paths} are removed when an account is destroyed. */
  public Planner withAccountFiles(AccountFiles paths) {
    return new Planner(actions, files, paths, units);
  }

  /** This facet, wanting the per-user units {@code declared}. */
  public Planner withUnits(UserUnits declared) {
    return new Planner(actions, files, accountFiles, declared);
  }

  /** The root files this facet wants for {@code scope}. */
  public List<RootFile> rootFiles(Desired desired, Scope scope, Uids uids) {
    return files.files(desired, scope, uids);
  }

  /**
   * Everything this facet plans: its actions, its units' enables and disables, then its root files'
   * writes where they differ.
   */
  public Plan plan(Desired desired, Observed observed, Scope scope) {
    List<UserUnit> declared = units.units(desired);
    return actions
        .plan(desired, observed, scope)
        .and(
            declared.isEmpty()
                ? new Plan(List.of(), List.of())
                : UnitPlanner.plan(scope.users(), observed.surface(), declared))
        .and(RootFilePlanner.plan(rootFiles(desired, scope, observed.uids()), observed.surface()));
  }
}
