package dev.workstation.reconcile;

import dev.workstation.account.Accounts;
import dev.workstation.account.UidMap;
import dev.workstation.host.Nss;
import dev.workstation.plan.Effects;
import dev.workstation.plan.WorkerCall;
import dev.workstation.secrets.Secrets;
import dev.workstation.units.Units;
import dev.workstation.util.Deadline;
import dev.workstation.worker.UserWorker;
import dev.workstation.worker.WorkerReply;
import dev.workstation.worker.WorkerRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The real side effects: shadow-utils for accounts, a setpriv'd worker per call for homes. */
final class HostEffects implements Effects {
  private final Ports ports;
  private final UidMap uids;
  private final Path stateDir;
  private final Vault vault;
  private final Deadline deadline;

  /** What an action reaches in Vault: secrets read with root's token, and the users' tokens. */
  record Vault(Secrets secrets, ClaudeTokens tokens) {}

  HostEffects(Ports ports, UidMap uids, Path stateDir, Vault vault) {
    this(ports, uids, stateDir, vault, Deadline.in(UNBOUNDED));
  }

  private HostEffects(Ports ports, UidMap uids, Path stateDir, Vault vault, Deadline deadline) {
    this.ports = ports;
    this.uids = uids;
    this.stateDir = stateDir;
    this.vault = vault;
    this.deadline = deadline;
  }

  /** A worker call outside any user's budget (a global step) is still bounded. */
  static final Duration UNBOUNDED = Duration.ofMinutes(10);

  @Override
  public Effects within(Deadline d) {
    return new HostEffects(ports, uids, stateDir, vault, d);
  }

  @Override
  public Secrets secrets() {
    return vault.secrets();
  }

  @Override
  public ClaudeTokens claudeTokens() {
    return vault.tokens();
  }

  @Override
  public Units units() {
    return ports.units();
  }

  @Override
  public Accounts accounts() {
    return ports.accounts();
  }

  @Override
  public UidLedger uids() {
    return uids::record;
  }

  @Override
  public Files files() {
    return HostPorts.FILES;
  }

  @Override
  public Users users() {
    return HostPorts.NSS;
  }

  @Override
  public CutLog cuts() {
    return HostPorts.cuts(stateDir);
  }

  @Override
  public Journals journals() {
    return HostPorts.journals(stateDir);
  }

  @Override
  public java.time.Clock clock() {
    return java.time.Clock.systemDefaultZone();
  }

  @Override
  public WorkerCall worker() {
    return new WorkerCall() {
      @Override
      public <R extends WorkerReply> R call(String user, WorkerRequest<R> request)
          throws IOException {
        return callAs(ports.worker(), user, request, deadline.remaining());
      }
    };
  }

  static Path journalDir(Path stateDir) {
    return stateDir.resolve("migrations");
  }

  /**
   * Runs {@code request} in the product's own worker as {@code user} (looked up now: it may be new
   * this run), within {@code bound}.
   */
  static <R extends WorkerReply> R callAs(String user, WorkerRequest<R> request, Duration bound)
      throws IOException {
    return callAs(UserWorker.javaCommand(), user, request, bound);
  }

  /** {@link #callAs(String, WorkerRequest, Duration)}, the worker started with {@code jvm}. */
  static <R extends WorkerReply> R callAs(
      List<String> jvm, String user, WorkerRequest<R> request, Duration bound) throws IOException {
    Nss.PasswdEntry pw = Nss.user(user).orElseThrow(() -> new IOException("no account " + user));
    return new UserWorker(user, pw.uid(), pw.gid(), pw.home(), bound, jvm).call(request);
  }
}
