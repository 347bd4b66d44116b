package dev.workstation.reconcile;

import dev.workstation.git.TrustedSource;
import java.util.List;
import java.util.Optional;

/**
 * Where this run's roster came from and how far it is trusted (SPEC §8.1, §8.4): what plan,
 * reconcile and status report besides the plan itself, what the metrics count, and why reconcile
 * exits 1 even when every action succeeded.
 *
 * @param commit the roster repository commit being acted on (absent for a local file)
 * @param untrusted later changes to the trusted paths that are not applied
 * @param held why the trusted roster was not applied and the last applied one stays in force
 */
public record SourceReport(
    Trust trust,
    Optional<String> commit,
    List<TrustedSource.Untrusted> untrusted,
    Optional<String> held) {

  /** How the roster acted on was vouched for. */
  public enum Trust {
    /** Every trusted path's latest change was signed by an allowed signer. */
    VERIFIED,
    /** No {@code roster.allowed_signers}: whatever was pushed. */
    UNVERIFIED,
    /** {@code --roster FILE}: a local file, never verified. */
    LOCAL_FILE
  }

  public SourceReport {
    untrusted = List.copyOf(untrusted);
  }

  /** Something an admin must act on: reconcile exits 1 and status is unhealthy while it lasts. */
  public boolean blocking() {
    return !untrusted.isEmpty() || held.isPresent();
  }

  SourceReport holding(String reason) {
    return new SourceReport(trust, commit, untrusted, Optional.of(reason));
  }

  public String trustName() {
    return trust.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
