package dev.workstation.plan;

import dev.workstation.account.Accounts;
import dev.workstation.host.FileInfo;
import dev.workstation.secrets.MintedToken;
import dev.workstation.secrets.Secrets;
import dev.workstation.secrets.TokenSpec;
import dev.workstation.units.Units;
import dev.workstation.util.Deadline;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The side-effect ports an action may use when it is applied — and the only way an action touches
 * the host. The real implementation is {@code reconcile.HostEffects}; tests use an in-memory one.
 */
public interface Effects {
  /** Accounts and groups (shadow-utils). */
  Accounts accounts();

  /** The uid each account was given, kept so a re-created account gets its old uid back. */
  UidLedger uids();

  /** systemd, for per-user surface units. */
  Units units();

  /** Vault (KV v2). */
  Secrets secrets();

  /** The users' scoped Vault tokens (SPEC §6.12), and root's record of their accessors. */
  ClaudeTokens claudeTokens();

  /** Work inside a user's home, run as that user. */
  WorkerCall worker();

  /** Root-owned files, through the no-follow primitives. */
  Files files();

  /** The account database as it is now (an account may be new this run). */
  Users users();

  /** Cut records: one per user, pending or cut (root-owned, in the state dir). */
  CutLog cuts();

  /** Migration journals: a layout move begun and not finished (root-owned, in the state dir). */
  Journals journals();

  /** Today, for the records that carry a date. */
  Clock clock();

  /**
   * These effects bounded by one user's deadline: work inside the home (the worker) gets at most
   * what is left of it.
   */
  default Effects within(Deadline deadline) {
    return this;
  }

  /** Root-owned files. Nothing here follows a symbolic link at the path it is given. */
  interface Files {
    /** What is at {@code path} (the link itself for a symbolic link), or empty. */
    Optional<FileInfo> lstat(Path path) throws IOException;

    /**
     * Replaces {@code path} atomically with {@code content} and {@code mode}, creating its parent
     * directories; a link at the path is replaced, never followed.
     */
    void write(Path path, byte[] content, Set<PosixFilePermission> mode) throws IOException;

    /** Sets a directory's mode; throws if {@code dir} is not a directory (or is a link). */
    void chmodDirectory(Path dir, int mode) throws IOException;

    /**
     * Removes the root-owned file at {@code path} (a link there is removed itself, never followed);
     * nothing there is fine. Throws, removing nothing, when it is a directory, or it or its
     * directory is not root's alone.
     */
    void remove(Path path) throws IOException;
  }

  /**
   * The users' scoped Vault tokens: minted and revoked with root's own Vault token, each user's
   * accessor kept root's alone in the state dir. A token passes through {@link MintedToken} to its
   * user's worker and is never kept.
   */
  interface ClaudeTokens {
    /** Mints {@code spec}'s token; a failure names the display name, never a value. */
    MintedToken mint(TokenSpec spec) throws Secrets.SecretsException;

    /** Revokes the token behind {@code accessor}; false when Vault no longer had it. */
    boolean revoke(String accessor) throws Secrets.SecretsException;

    /** Records {@code accessor} as {@code user}'s token (replacing their record). */
    void record(String user, String accessor) throws IOException;

    /** Drops {@code user}'s record; none is fine. */
    void forget(String user) throws IOException;
  }

  /** NSS lookups. */
  interface Users {
    /** The uid of {@code user}'s account, or empty if there is none. */
    OptionalInt uid(String user);
  }

  /** Where uids are remembered. */
  interface UidLedger {
    /** Remembers {@code uid} for {@code user} (a no-op when it is already recorded). */
    void record(String user, int uid) throws IOException;
  }

  /** The record that makes a cut fire once: pending until it is done, then cut with a date. */
  interface CutLog {
    /** Records that {@code user} was cut {@code on} that day. */
    void markCut(String user, java.time.LocalDate on) throws IOException;

    /** Drops {@code user}'s record (they are back on the roster). */
    void forget(String user) throws IOException;
  }

  /** The journal that lets an interrupted layout move be finished by the next run. */
  interface Journals {
    /** Records that {@code user}'s move has begun (kept as is if it already has). */
    void begin(String user) throws IOException;

    /** Drops the record once the move is done. */
    void end(String user) throws IOException;
  }
}
