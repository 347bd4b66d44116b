package dev.workstation.util;

/**
 * Where a run says it has passed a named step: after each applied action ({@code create-account},
 * …), after the lifecycle commands' roster commit ({@code roster-commit}), after each step of a
 * layout move ({@code migrate:moved-aside}, …). The binary passes them to {@link #NONE}; crash
 * tests start the CLI or the worker with one that halts the process at a step, like {@code kill
 * -9}, to prove the next run finishes what was begun. Given at the entry point, never read from the
 * environment.
 */
@FunctionalInterface
public interface Checkpoints {
  Checkpoints NONE = step -> {};

  void passed(String step);
}
