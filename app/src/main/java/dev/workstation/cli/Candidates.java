package dev.workstation.cli;

import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.Tier;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;

/**
 * The roster's closed sets on the command line: completion candidates (and help's list of choices)
 * and the converters that turn a flag's value into the type, refusing others as invalid input.
 */
final class Candidates {
  private Candidates() {}

  /** {@code admin}, {@code power-user}, {@code namespace-owner}. */
  static final class Tiers implements Iterable<String>, ITypeConverter<Tier> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Tier.values()).map(Tier::id).iterator();
    }

    @Override
    public Tier convert(String value) {
      return Tier.parse(value)
          .orElseThrow(
              () -> flag("--tier", "'" + value + "' is not a tier; use one of " + Tier.choices()));
    }
  }

  /** {@code single}, {@code workspace}. */
  static final class Layouts implements Iterable<String>, ITypeConverter<CodeLayout> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(CodeLayout.values()).map(CodeLayout::id).iterator();
    }

    @Override
    public CodeLayout convert(String value) {
      return CodeLayout.parse(value)
          .orElseThrow(
              () -> flag("--layout", "'" + value + "' is not a layout; use single or workspace"));
    }
  }

  /**
   * Invalid input, not a usage error: {@link Main} reports it as "command line: FLAG: …" with exit
   * 3, as every other bad value.
   */
  private static InvalidInputException flag(String flag, String message) {
    return new InvalidInputException(Problem.whole("command line", flag, message));
  }
}
