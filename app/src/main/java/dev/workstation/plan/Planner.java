package dev.workstation.plan;

/**
 * One facet of the host, planned: a pure function of what the run wants, what it saw, and whom it
 * is about. It never touches the host; when the observed state already matches it returns an empty
 * plan, which is what makes a second run a no-op. Planners are listed once, in {@link Planners}.
 */
@FunctionalInterface
public interface Planner {
  Plan plan(Desired desired, Observed observed, Scope scope);
}
