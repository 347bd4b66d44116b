package dev.workstation.git;

/**
 * The trust walk read {@code roster.max_unsigned_commits} commits back from the tip without
 * reaching the last signed change of every trusted path: an untrusted condition, and nothing new is
 * applied. {@link #untrusted} names the tip, the paths not settled and the remedy.
 */
public final class TooManyCommitsException extends Exception {
  private final TrustedSource.Untrusted untrusted;

  public TooManyCommitsException(TrustedSource.Untrusted untrusted) {
    super(untrusted.why());
    this.untrusted = untrusted;
  }

  public TrustedSource.Untrusted untrusted() {
    return untrusted;
  }
}
