package dev.workstation.plan;

import dev.workstation.account.Accounts;
import dev.workstation.account.UidMap;

/** The side-effect ports an action may use when it is applied. */
public interface Effects {
  Accounts accounts();

  UidMap uids();

  /** systemd, for per-user surface units. */
  dev.workstation.units.Units units();

  /** Vault (KV v2). */
  dev.workstation.secrets.Secrets secrets();

  /** Work inside a user's home, run as that user. */
  WorkerCall worker();

  /** Where cut records live (root-owned, in the state dir): one file per user, pending or cut. */
  java.nio.file.Path cutDir();

  /** Where migration journals live (root-owned, in the state dir). */
  java.nio.file.Path journalDir();

  /** Fault injection for crash tests ({@code WORKSTATION_FAULT}); null normally. */
  String fault();

  /**
   * These effects bounded by one user's deadline: work inside the home (the worker) gets at most
   * what is left of it.
   */
  default Effects within(dev.workstation.util.Deadline deadline) {
    return this;
  }
}
