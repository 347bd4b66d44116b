package dev.workstation.reconcile;

import dev.workstation.account.Accounts;
import dev.workstation.account.UidMap;
import dev.workstation.host.Nss;
import dev.workstation.plan.Effects;
import dev.workstation.plan.WorkerCall;
import dev.workstation.secrets.Secrets;
import dev.workstation.units.SystemdUnits;
import dev.workstation.units.Units;
import dev.workstation.util.Deadline;
import dev.workstation.worker.UserWorker;
import dev.workstation.worker.WorkerReply;
import dev.workstation.worker.WorkerRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** The real side effects: shadow-utils for accounts, a setpriv'd worker per call for homes. */
final class HostEffects implements Effects {
  private final Accounts accounts;
  private final UidMap uids;
  private final Path stateDir;
  private final Units units;
  private final Secrets secrets;
  private final Deadline deadline;

  HostEffects(Accounts accounts, UidMap uids, Path stateDir, Units units, Secrets secrets) {
    this(accounts, uids, stateDir, units, secrets, Deadline.in(UNBOUNDED));
  }

  private HostEffects(
      Accounts accounts,
      UidMap uids,
      Path stateDir,
      Units units,
      Secrets secrets,
      Deadline deadline) {
    this.accounts = accounts;
    this.uids = uids;
    this.stateDir = stateDir;
    this.units = units;
    this.secrets = secrets;
    this.deadline = deadline;
  }

  /** A worker call outside any user's budget (a global step) is still bounded. */
  static final Duration UNBOUNDED = Duration.ofMinutes(10);

  @Override
  public Effects within(Deadline d) {
    return new HostEffects(accounts, uids, stateDir, units, secrets, d);
  }

  @Override
  public Secrets secrets() {
    return secrets;
  }

  @Override
  public Units units() {
    return units;
  }

  /**
   * systemd: the running one, or — where none runs (image builds, tests) — offline against {@code
   * WORKSTATION_SYSTEMCTL_ROOT} with {@code systemctl --root}, managing enablement only.
   */
  static Units systemd() {
    return SystemdUnits.fromEnvironment();
  }

  @Override
  public Accounts accounts() {
    return accounts;
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
        return callAs(user, request, deadline.remaining());
      }
    };
  }

  static Path journalDir(Path stateDir) {
    return stateDir.resolve("migrations");
  }

  @Override
  public String fault() {
    return System.getenv("WORKSTATION_FAULT");
  }

  /**
   * Runs {@code request} in a worker as {@code user} (looked up now: it may be new this run),
   * within {@code bound}.
   */
  static <R extends WorkerReply> R callAs(String user, WorkerRequest<R> request, Duration bound)
      throws IOException {
    Nss.PasswdEntry pw = Nss.user(user).orElseThrow(() -> new IOException("no account " + user));
    return new UserWorker(user, pw.uid(), pw.gid(), pw.home(), bound).call(request);
  }
}
