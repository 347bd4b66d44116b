package dev.workstation.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A user's {@code ~/code} as their worker saw it (kinds are absent | clone | dir | symlink |
 * other), plus whether a migration journal is open for them.
 */
public record CodeFacts(
    PathFacts code,
    PathFacts infra,
    String migrateTmp,
    Map<String, String> repos,
    Map<String, Boolean> nested,
    boolean migrationJournal,
    java.util.List<String> linkChanges,
    java.util.List<String> linkBlocked,
    String launcher,
    String kubeconfig,
    boolean gitCredentials,
    boolean gitName,
    boolean gitEmail) {

  /** One path: its kind and, for a clone, its remotes (redacted URLs) and upstream remote. */
  public record PathFacts(
      String kind,
      Map<String, String> remotes,
      Optional<String> branch,
      Optional<String> tracking) {
    public static PathFacts absent() {
      return new PathFacts("absent", Map.of(), Optional.empty(), Optional.empty());
    }
  }

  /** A home with nothing in it yet (a new account). */
  public static CodeFacts empty() {
    return new CodeFacts(
        PathFacts.absent(),
        PathFacts.absent(),
        "absent",
        Map.of(),
        Map.of(),
        false,
        java.util.List.of("create ~/.claude and link it to the Config base"),
        java.util.List.of(),
        "absent",
        "absent",
        false,
        false,
        false);
  }

  /** From the worker's {@code inspect} answer. */
  @SuppressWarnings("unchecked")
  public static CodeFacts fromWorker(Map<String, Object> m, boolean journal) {
    Map<String, String> repos = new LinkedHashMap<>();
    ((Map<String, Object>) m.getOrDefault("repos", Map.of()))
        .forEach((k, v) -> repos.put(k, String.valueOf(v)));
    Map<String, Boolean> nested = new LinkedHashMap<>();
    ((Map<String, Object>) m.getOrDefault("nested", Map.of()))
        .forEach((k, v) -> nested.put(k, Boolean.TRUE.equals(v)));
    Map<String, Object> links = (Map<String, Object>) m.getOrDefault("links", Map.of());
    return new CodeFacts(
        path((Map<String, Object>) m.get("code")),
        path((Map<String, Object>) m.get("infra")),
        String.valueOf(m.getOrDefault("migrate_tmp", "absent")),
        repos,
        nested,
        journal,
        (java.util.List<String>) links.getOrDefault("changes", java.util.List.of()),
        (java.util.List<String>) links.getOrDefault("blocked", java.util.List.of()),
        String.valueOf(m.getOrDefault("launcher", "absent")),
        String.valueOf(m.getOrDefault("kubeconfig", "absent")),
        Boolean.TRUE.equals(m.get("git_credentials")),
        Boolean.TRUE.equals(
            ((Map<String, Object>) m.getOrDefault("git_identity", Map.of())).get("name")),
        Boolean.TRUE.equals(
            ((Map<String, Object>) m.getOrDefault("git_identity", Map.of())).get("email")));
  }

  @SuppressWarnings("unchecked")
  private static PathFacts path(Map<String, Object> m) {
    if (m == null) {
      return PathFacts.absent();
    }
    Map<String, String> remotes = new LinkedHashMap<>();
    ((Map<String, Object>) m.getOrDefault("remotes", Map.of()))
        .forEach((k, v) -> remotes.put(k, String.valueOf(v)));
    return new PathFacts(
        String.valueOf(m.get("kind")),
        remotes,
        Optional.ofNullable((String) m.get("branch")),
        Optional.ofNullable((String) m.get("tracking")));
  }
}
