package dev.workstation.cli;

import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.Tier;
import java.util.Arrays;
import java.util.Iterator;

/** Completion candidates (and help's list of choices) for the roster's closed sets. */
final class Candidates {
  private Candidates() {}

  /** {@code admin}, {@code power-user}, {@code namespace-owner}. */
  static final class Tiers implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Tier.values()).map(Tier::id).iterator();
    }
  }

  /** {@code single}, {@code workspace}. */
  static final class Layouts implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(CodeLayout.values()).map(CodeLayout::id).iterator();
    }
  }
}
