package dev.workstation.plan;

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
 */
public record Planner(Actions actions, Files files) {

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

  private static final Actions NO_ACTIONS = (d, o, s) -> new Plan(List.of(), List.of());
  private static final Files NO_FILES = (d, s, u) -> List.of();

  /** A facet that plans actions and owns no root file. */
  public static Planner of(Actions actions) {
    return new Planner(actions, NO_FILES);
  }

  /** A facet that is only root files: a declaration, nothing else. */
  public static Planner ofFiles(Files files) {
    return new Planner(NO_ACTIONS, files);
  }

  public static Planner of(Actions actions, Files files) {
    return new Planner(actions, files);
  }

  /** The root files this facet wants for {@code scope}. */
  public List<RootFile> rootFiles(Desired desired, Scope scope, Uids uids) {
    return files.files(desired, scope, uids);
  }

  /** Everything this facet plans: its actions, then its root files' writes where they differ. */
  public Plan plan(Desired desired, Observed observed, Scope scope) {
    return actions
        .plan(desired, observed, scope)
        .and(RootFilePlanner.plan(rootFiles(desired, scope, observed.uids()), observed.surface()));
  }
}
