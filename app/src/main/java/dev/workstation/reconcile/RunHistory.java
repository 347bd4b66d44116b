package dev.workstation.reconcile;

import dev.workstation.input.JsonFields;
import dev.workstation.input.StrictJson;
import dev.workstation.plan.Owner;
import dev.workstation.util.AtomicFiles;
import dev.workstation.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How the last reconcile ended, kept in {@code state_dir/last-run.json} — written after every run,
 * including one that stopped before it could plan (an invalid roster, a failed fetch), so {@code
 * status} and the metrics can say so: when it finished, its exit code and problem, when a run last
 * succeeded, and per user how many runs in a row failed for them and what was deferred.
 *
 * @param finished Unix seconds
 * @param problem why the run failed as a whole: it stopped before planning, or it kept an input
 *     back (invalid managed settings, tiers unchecked)
 * @param lastSuccess Unix seconds of the last run that exited 0; 0 if none yet
 * @param command what ran: {@code reconcile}, or a lifecycle command with its user ({@code onboard
 *     zed}, {@code offboard emo --destroy}), which records its run the same way
 */
public record RunHistory(
    long finished,
    int exit,
    Optional<String> problem,
    long lastSuccess,
    String roster,
    Map<String, UserRecord> users,
    String command) {

  public static final String RECONCILE = "reconcile";

  /** One user's side of the last run: failures in a row, and what failed or waits (reasons). */
  public record UserRecord(int failedRuns, List<String> failures, List<String> deferred) {
    public UserRecord {
      failures = List.copyOf(failures);
      deferred = List.copyOf(deferred);
    }
  }

  public RunHistory {
    users = java.util.Collections.unmodifiableMap(new TreeMap<>(users));
  }

  public boolean success() {
    return exit == 0;
  }

  /** Users whose work failed in the last run. */
  public Set<String> failedUsers() {
    Set<String> out = new TreeSet<>();
    users.forEach(
        (u, rec) -> {
          if (!rec.failures().isEmpty()) {
            out.add(u);
          }
        });
    return out;
  }

  static Path file(Path stateDir) {
    return stateDir.resolve("last-run.json");
  }

  /** The record of a reconcile that produced a result: exit code as the command returns it. */
  public static RunHistory after(
      Optional<RunHistory> previous, Reconciler.Result r, int exit, long now) {
    return after(previous, RECONCILE, r, exit, now);
  }

  /** The record of {@code command}'s run that produced a result. */
  public static RunHistory after(
      Optional<RunHistory> previous, String command, Reconciler.Result r, int exit, long now) {
    Map<String, UserRecord> users = new TreeMap<>();
    Set<String> inScope = new TreeSet<>();
    r.accounts().forEach(a -> inScope.add(a.osUser()));
    // everyone still on the roster keeps their record; a --user run (or onboard, park, unpark of
    // one user) writes only its own users' records
    Set<String> onRoster = new TreeSet<>(r.desired().accounts().keySet());
    onRoster.addAll(inScope);
    previous.ifPresent(
        p ->
            p.users()
                .forEach(
                    (u, rec) -> {
                      if (onRoster.contains(u)) {
                        users.put(u, rec);
                      }
                    }));
    Map<String, List<String>> failures = new TreeMap<>();
    Map<String, List<String>> deferred = new TreeMap<>();
    r.failedUsers()
        .forEach((u, why) -> failures.computeIfAbsent(u, k -> new ArrayList<>()).add(why));
    for (ActionReport rep : r.reports()) {
      if (!(rep.action().owner() instanceof Owner.User owner)) {
        continue; // a machine-wide step is nobody's record
      }
      String u = owner.name();
      if (rep.outcome() instanceof Outcome.Failed f) {
        failures
            .computeIfAbsent(u, k -> new ArrayList<>())
            .add(rep.action().kind() + ": " + f.error());
      } else if (rep.outcome() instanceof Outcome.Deferred d) {
        deferred.computeIfAbsent(u, k -> new ArrayList<>()).add(d.reason());
      }
    }
    for (String u : inScope) {
      List<String> failed = failures.getOrDefault(u, List.of());
      int before = Optional.ofNullable(users.get(u)).map(UserRecord::failedRuns).orElse(0);
      users.put(
          u,
          new UserRecord(
              failed.isEmpty() ? 0 : before + 1, failed, deferred.getOrDefault(u, List.of())));
    }
    long lastSuccess = exit == 0 ? now : previous.map(RunHistory::lastSuccess).orElse(0L);
    Optional<String> keptBack =
        r.keptBack().isEmpty()
            ? Optional.empty()
            : Optional.of(
                "kept back: "
                    + String.join(
                        "; ",
                        r.keptBack().stream().map(dev.workstation.plan.Note::message).toList()));
    return new RunHistory(now, exit, keptBack, lastSuccess, r.rosterOrigin(), users, command);
  }

  /** The record of a run that stopped before it planned: everyone's record is kept as it was. */
  public static RunHistory stopped(
      Optional<RunHistory> previous, String problem, int exit, long now) {
    return stopped(previous, RECONCILE, problem, exit, now);
  }

  /** The same, for {@code command}. */
  public static RunHistory stopped(
      Optional<RunHistory> previous, String command, String problem, int exit, long now) {
    return new RunHistory(
        now,
        exit,
        Optional.of(problem),
        previous.map(RunHistory::lastSuccess).orElse(0L),
        previous.map(RunHistory::roster).orElse("none"),
        previous.map(RunHistory::users).orElse(Map.of()),
        command);
  }

  /**
   * The record of a run that planned nothing ({@code offboard --destroy}): {@code gone}'s record is
   * dropped, everyone else's is kept as it was.
   */
  public static RunHistory without(
      Optional<RunHistory> previous, String command, String gone, int exit, long now) {
    Map<String, UserRecord> users = new TreeMap<>(previous.map(RunHistory::users).orElse(Map.of()));
    users.remove(gone);
    return new RunHistory(
        now,
        exit,
        Optional.empty(),
        exit == 0 ? now : previous.map(RunHistory::lastSuccess).orElse(0L),
        previous.map(RunHistory::roster).orElse("none"),
        users,
        command);
  }

  public static Optional<RunHistory> read(Path stateDir) {
    Path f = file(stateDir);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(fromJson(StrictJson.parse(Files.readString(f, StandardCharsets.UTF_8))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a torn or foreign file is no history: the next run rewrites it
    }
  }

  public void write(Path stateDir) throws IOException {
    Files.createDirectories(stateDir);
    AtomicFiles.write(
        file(stateDir),
        Json.write(toJson()).getBytes(StandardCharsets.UTF_8),
        PosixFilePermissions.fromString("rw-------"));
  }

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("finished", finished);
    m.put("exit", exit);
    m.put("problem", problem.orElse(null));
    m.put("last_success", lastSuccess);
    m.put("roster", roster);
    m.put("command", command);
    Map<String, Object> us = new LinkedHashMap<>();
    users.forEach(
        (u, rec) -> {
          Map<String, Object> x = new LinkedHashMap<>();
          x.put("failed_runs", rec.failedRuns());
          x.put("failures", rec.failures());
          x.put("deferred", rec.deferred());
          us.put(u, x);
        });
    m.put("users", us);
    return m;
  }

  /** Reasons are error lines; a long one must not cost the history. */
  private static final int REASON = 64 * 1024;

  /** The file as {@link #toJson} wrote it; anything else is an {@link IllegalArgumentException}. */
  static RunHistory fromJson(Object json) {
    JsonFields m = JsonFields.of("last-run.json", json, IllegalArgumentException::new);
    Map<String, UserRecord> users =
        m.optMap(
            "users",
            u -> true,
            e -> {
              JsonFields x = e.object();
              UserRecord r =
                  new UserRecord(
                      (int) x.number("failed_runs", 0, Integer.MAX_VALUE),
                      x.texts("failures", REASON),
                      x.texts("deferred", REASON));
              x.end();
              return r;
            });
    RunHistory h =
        new RunHistory(
            m.number("finished", 0, Long.MAX_VALUE),
            (int) m.number("exit", 0, 255),
            m.optText("problem", REASON),
            m.number("last_success", 0, Long.MAX_VALUE),
            m.text("roster"),
            users,
            m.optText("command", 1024).orElse(RECONCILE)); // files from before it had the field
    m.end();
    return h;
  }
}
