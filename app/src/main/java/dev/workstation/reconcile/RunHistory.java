package dev.workstation.reconcile;

import dev.workstation.input.StrictJson;
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
 * @param lastSuccess Unix seconds of the last run that exited 0; 0 if none yet
 */
public record RunHistory(
    long finished,
    int exit,
    Optional<String> problem,
    long lastSuccess,
    String roster,
    Map<String, UserRecord> users) {

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

  /** The record of a run that produced a result: exit code as the command returns it. */
  public static RunHistory after(
      Optional<RunHistory> previous, Reconciler.Result r, int exit, long now) {
    Map<String, UserRecord> users = new TreeMap<>();
    Set<String> onRoster = new TreeSet<>();
    r.accounts().forEach(a -> onRoster.add(a.osUser()));
    previous.ifPresent(
        p ->
            p.users()
                .forEach(
                    (u, rec) -> {
                      if (onRoster.contains(u)) {
                        users.put(u, rec); // a --user run leaves everyone else's record
                      }
                    }));
    Map<String, List<String>> failures = new TreeMap<>();
    Map<String, List<String>> deferred = new TreeMap<>();
    r.failedUsers()
        .forEach((u, why) -> failures.computeIfAbsent(u, k -> new ArrayList<>()).add(why));
    for (ActionReport rep : r.reports()) {
      String u = rep.action().user();
      if (rep.outcome() instanceof Outcome.Failed f) {
        failures
            .computeIfAbsent(u, k -> new ArrayList<>())
            .add(rep.action().kind() + ": " + f.error());
      } else if (rep.outcome() instanceof Outcome.Deferred d) {
        deferred.computeIfAbsent(u, k -> new ArrayList<>()).add(d.reason());
      }
    }
    for (String u : onRoster) {
      List<String> failed = failures.getOrDefault(u, List.of());
      int before = Optional.ofNullable(users.get(u)).map(UserRecord::failedRuns).orElse(0);
      users.put(
          u,
          new UserRecord(
              failed.isEmpty() ? 0 : before + 1, failed, deferred.getOrDefault(u, List.of())));
    }
    long lastSuccess = exit == 0 ? now : previous.map(RunHistory::lastSuccess).orElse(0L);
    return new RunHistory(now, exit, Optional.empty(), lastSuccess, r.rosterOrigin(), users);
  }

  /** The record of a run that stopped before it planned: everyone's record is kept as it was. */
  public static RunHistory stopped(
      Optional<RunHistory> previous, String problem, int exit, long now) {
    return new RunHistory(
        now,
        exit,
        Optional.of(problem),
        previous.map(RunHistory::lastSuccess).orElse(0L),
        previous.map(RunHistory::roster).orElse("none"),
        previous.map(RunHistory::users).orElse(Map.of()));
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

  @SuppressWarnings("unchecked")
  static RunHistory fromJson(Object json) {
    Map<String, Object> m = (Map<String, Object>) json;
    Map<String, UserRecord> users = new TreeMap<>();
    ((Map<String, Object>) m.getOrDefault("users", Map.of()))
        .forEach(
            (u, v) -> {
              Map<String, Object> x = (Map<String, Object>) v;
              users.put(
                  u,
                  new UserRecord(
                      ((Number) x.get("failed_runs")).intValue(),
                      strings(x.get("failures")),
                      strings(x.get("deferred"))));
            });
    return new RunHistory(
        ((Number) m.get("finished")).longValue(),
        ((Number) m.get("exit")).intValue(),
        Optional.ofNullable((String) m.get("problem")),
        ((Number) m.get("last_success")).longValue(),
        String.valueOf(m.get("roster")),
        users);
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }
}
