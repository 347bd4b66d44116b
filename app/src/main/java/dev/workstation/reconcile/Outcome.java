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

  record Failed(String error) implements Outcome {
    @Override
    public String result() {
      return "failed";
    }
  }
}
