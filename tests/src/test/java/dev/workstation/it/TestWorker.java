package dev.workstation.it;

import dev.workstation.asuser.WorkerMain;

/**
 * A worker that halts (exit 137, like {@code kill -9}) right after the step its one argument names
 * ({@code migrate:moved-aside}, …): the product's own {@link WorkerMain}, given a checkpoint. The
 * crash tests start it through {@link TestWorkstation}.
 */
public final class TestWorker {
  private TestWorker() {}

  public static void main(String[] args) {
    String haltAfter = args[0];
    WorkerMain.serve(
        step -> {
          if (step.equals(haltAfter)) {
            Runtime.getRuntime().halt(137);
          }
        });
  }
}
