package dev.workstation.git;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a freshen did to one clone: a closed set. {@link #text()} is the wording every report prints
 * ({@code up-to-date}, {@code fast-forwarded(3)}, {@code fetch-failed(origin: not authorized)}, …),
 * and {@link #parse} reads exactly that wording back (a worker's or the session service's reply),
 * rejecting anything else.
 */
public sealed interface FreshenOutcome {
  /** The printed form. */
  String text();

  /**
   * The name without its argument ({@code fast-forwarded}, {@code fetch-failed}): a metric label.
   */
  default String kind() {
    return text();
  }

  /** Nothing lost and the clone is as fresh as it can safely be. */
  default boolean ok() {
    return this == Plain.UP_TO_DATE || this instanceof FastForwarded;
  }

  /** A failure the freshen command exits non-zero for (the rest are states of the user's work). */
  default boolean failed() {
    return this == Plain.TIMED_OUT || this instanceof FetchFailed;
  }

  /** The outcomes that carry nothing but their name. */
  enum Plain implements FreshenOutcome {
    UP_TO_DATE("up-to-date"),
    DIRTY("dirty"),
    DIVERGED("diverged"),
    DETACHED("detached"),
    NO_UPSTREAM("no-upstream"),
    TIMED_OUT("timed-out");

    private final String text;

    Plain(String text) {
      this.text = text;
    }

    @Override
    public String text() {
      return text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** The branch was fast-forwarded by {@code commits} commits. */
  record FastForwarded(int commits) implements FreshenOutcome {
    public FastForwarded {
      if (commits < 0) {
        throw new IllegalArgumentException("negative commit count");
      }
    }

    @Override
    public String text() {
      return "fast-forwarded(" + commits + ")";
    }

    @Override
    public String kind() {
      return "fast-forwarded";
    }

    @Override
    public String toString() {
      return text();
    }
  }

  /** A fetch (or a step after it) failed; {@code reason} is one line, without URLs. */
  record FetchFailed(String reason) implements FreshenOutcome {
    public FetchFailed {
      java.util.Objects.requireNonNull(reason);
    }

    @Override
    public String text() {
      return "fetch-failed(" + reason + ")";
    }

    @Override
    public String kind() {
      return "fetch-failed";
    }

    @Override
    public String toString() {
      return text();
    }
  }

  FreshenOutcome UP_TO_DATE = Plain.UP_TO_DATE;
  FreshenOutcome DIRTY = Plain.DIRTY;
  FreshenOutcome DIVERGED = Plain.DIVERGED;
  FreshenOutcome DETACHED = Plain.DETACHED;
  FreshenOutcome NO_UPSTREAM = Plain.NO_UPSTREAM;
  FreshenOutcome TIMED_OUT = Plain.TIMED_OUT;

  static FreshenOutcome fetchFailed(String reason) {
    return new FetchFailed(reason);
  }

  static FreshenOutcome fastForwarded(int commits) {
    return new FastForwarded(commits);
  }

  Pattern FAST_FORWARDED = Pattern.compile("fast-forwarded\\(([0-9]{1,9})\\)");
  Pattern FETCH_FAILED = Pattern.compile("fetch-failed\\((.*)\\)", Pattern.DOTALL);

  /** The outcome printed as {@code text}; empty when it is none of ours. */
  static Optional<FreshenOutcome> parse(String text) {
    for (Plain p : Plain.values()) {
      if (p.text.equals(text)) {
        return Optional.of(p);
      }
    }
    Matcher m = FAST_FORWARDED.matcher(text);
    if (m.matches()) {
      return Optional.of(new FastForwarded(Integer.parseInt(m.group(1))));
    }
    m = FETCH_FAILED.matcher(text);
    if (m.matches()) {
      return Optional.of(new FetchFailed(m.group(1)));
    }
    return Optional.empty();
  }
}
