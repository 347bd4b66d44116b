package dev.workstation.status;

import dev.workstation.claudeauth.ResultReading;
import dev.workstation.git.CloneStatus;
import dev.workstation.host.SliceMemory;
import dev.workstation.reconcile.CutRecords;
import dev.workstation.reconcile.RunHistory;
import dev.workstation.reconcile.SourceReport;
import dev.workstation.reconcile.UserFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code status} shows, built once by {@link StatusService} and rendered as a table for people
 * or as JSON for scripts: the state the host is kept in (the last applied roster when the current
 * one cannot be used), the current problems, the last run, each user, who awaits destroy, and
 * capacity.
 *
 * @param roster where the roster shown comes from
 * @param fallback true when the current roster cannot be used and the last applied one is shown
 * @param problems what an admin must act on now (an invalid roster, an untrusted change, a failed
 *     fetch), one line each
 * @param warnings the roster run's own warnings (unverified mode, Vault unreachable, …)
 * @param source how far the roster shown is trusted, when one could be read
 */
public record StatusReport(
    String roster,
    boolean fallback,
    List<String> problems,
    List<String> warnings,
    Optional<SourceReport> source,
    Optional<RunHistory> lastRun,
    List<UserStatus> users,
    List<CutRecords.AwaitingDestroy> awaitingDestroy,
    CapacityStatus capacity) {

  /**
   * One user's row: the roster's view, the host's, and what the last run did for them.
   *
   * @param memory their slice's memory now, cap and OOM kills, as the kernel counts them
   * @param claudeAuth what their Claude-login job last recorded, read as hostile input; empty when
   *     the job is off for them ({@code claude_auth: false}, parked, no section)
   */
  public record UserStatus(
      String user,
      String tier,
      String layout,
      boolean parked,
      UserFacts.Account account,
      Map<String, CloneStatus> clones,
      SliceMemory memory,
      List<String> pending,
      List<String> notes,
      List<String> lastRun,
      Optional<ResultReading> claudeAuth) {

    /**
     * A diverged clone needs a person; so does an account that is not as the roster says, and a
     * Claude login the job could not keep working (or whose result is not one).
     */
    boolean unhealthy() {
      return account != UserFacts.Account.OK
          || !pending.isEmpty()
          || clones.values().stream().anyMatch(CloneStatus::diverged)
          || claudeAuth.map(StatusReport::failing).orElse(false);
    }
  }

  static boolean failing(ResultReading r) {
    return r instanceof ResultReading.Refused
        || (r instanceof ResultReading.Found f && !f.result().ok());
  }

  /** A user's Claude-login result for {@code --json}: its state, and what the job said. */
  static Map<String, Object> claudeJson(ResultReading r) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (r instanceof ResultReading.Found f) {
      m.put("state", f.result().ok() ? "ok" : "failing");
      m.put("outcome", f.result().outcome().word());
      m.put("finished", f.result().finished().getEpochSecond());
      m.put("message", f.result().message());
      m.put("last_success", f.result().lastSuccess().map(java.time.Instant::getEpochSecond));
    } else if (r instanceof ResultReading.Refused x) {
      m.put("state", "refused");
      m.put("why", x.why());
    } else {
      m.put("state", "never-ran");
    }
    return m;
  }

  /** Memory, swap and disk against the site's {@code capacity:} ceiling. */
  public record CapacityStatus(
      long memoryBytes,
      long swapBytes,
      long freeDiskBytes,
      long activeUsers,
      List<String> violations) {}

  public StatusReport {
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
    users = List.copyOf(users);
    awaitingDestroy = List.copyOf(awaitingDestroy);
  }

  /** Healthy: no problem, the last run succeeded, nothing pending or broken, within capacity. */
  public boolean healthy() {
    return problems.isEmpty()
        && lastRun.map(RunHistory::success).orElse(true)
        && users.stream().noneMatch(UserStatus::unhealthy)
        && capacity.violations().isEmpty();
  }

  /** For {@code --json}: raw values (the JSON writer escapes them). */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("roster", roster);
    out.put("fallback", fallback);
    out.put("healthy", healthy());
    out.put("problems", problems);
    out.put("warnings", warnings);
    out.put("last_run", lastRun.map(RunHistory::toJson).orElse(null));
    Map<String, Object> us = new LinkedHashMap<>();
    for (UserStatus u : users) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tier", u.tier());
      m.put("layout", u.layout());
      m.put("parked", u.parked());
      m.put("account", u.account().word());
      Map<String, Object> clones = new LinkedHashMap<>();
      u.clones().forEach((rel, c) -> clones.put(rel, c.toMap()));
      m.put("clones", clones);
      m.put("memory", memoryJson(u.memory()));
      m.put("pending", u.pending());
      m.put("notes", u.notes());
      m.put("last_run", u.lastRun());
      m.put("claude_auth", u.claudeAuth().map(StatusReport::claudeJson).orElse(null));
      us.put(u.user(), m);
    }
    out.put("users", us);
    out.put("awaiting_destroy", awaitingJson(awaitingDestroy));
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("memory_bytes", capacity.memoryBytes());
    c.put("swap_bytes", capacity.swapBytes());
    c.put("free_disk_bytes", capacity.freeDiskBytes());
    c.put("active_users", capacity.activeUsers());
    c.put("violations", capacity.violations());
    out.put("capacity", c);
    return out;
  }

  /**
   * A slice's memory for {@code --json}: {@code state} ({@code running}, {@code no-slice}, {@code
   * unknown}); {@code bytes}, {@code max_bytes} and {@code oom_kills} as numbers, null when not
   * known; {@code capped} false when the slice runs with no cap ({@code max_bytes} null then).
   */
  static Map<String, Object> memoryJson(SliceMemory m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("state", m.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    out.put("bytes", m.bytes().isPresent() ? m.bytes().getAsLong() : null);
    boolean none = m.max().isPresent() && m.max().getAsLong() == SliceMemory.NO_LIMIT;
    out.put("max_bytes", m.max().isPresent() && !none ? m.max().getAsLong() : null);
    out.put("capped", m.max().isPresent() ? !none : null);
    out.put("oom_kills", m.oomKills().isPresent() ? m.oomKills().getAsLong() : null);
    return out;
  }

  /**
   * Users awaiting destroy as {@code status --json} and {@code offboard --pending --json} list
   * them.
   */
  public static List<Object> awaitingJson(List<CutRecords.AwaitingDestroy> awaiting) {
    List<Object> out = new ArrayList<>();
    for (CutRecords.AwaitingDestroy a : awaiting) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("user", a.user());
      m.put("cut", a.since());
      out.add(m);
    }
    return out;
  }
}
