package dev.workstation.reconcile;

/** What became of one action. */
public sealed interface Outcome {
  String result();

  record Applied() implements Outcome {
    @Override
    public String result() {
      return "applied";
    }
  }

  record Skipped(String reason) implements Outcome {
    @Override
    public String result() {
      return "skipped";
    }
  }

  /** Could not be done yet and is not a failure (e.g. no repo access yet); retried next run. */
  record Deferred(String reason) implements Outcome {
    @Override
    public String result() {
      return "deferred";
    }
  }

  record Failed(String error) implements Outcome {
    @Override
    public String result() {
      return "failed";
    }
  }
}
