package dev.workstation.plan;

import dev.workstation.config.MarkedFile;
import dev.workstation.layout.PathKind;
import dev.workstation.worker.WorkerReply;
import java.util.Map;
import java.util.Optional;

/**
 * A user's {@code ~/code} as their worker saw it, plus whether a migration journal is open for
 * them; the states of our marked files, and what a stale one holds now (for {@code plan --diff}).
 *
 * @param linkUnreachable what of the Config base the user cannot follow (the reason and remedy)
 */
public record CodeFacts(
    PathFacts code,
    PathFacts infra,
    PathKind migrateTmp,
    Map<String, PathKind> repos,
    Map<String, Boolean> nested,
    boolean migrationJournal,
    java.util.List<String> linkChanges,
    java.util.List<String> linkBlocked,
    java.util.List<String> linkUnreachable,
    MarkedFile.State launcher,
    MarkedFile.State kubeconfig,
    Optional<String> launcherNow,
    Optional<String> kubeconfigNow,
    boolean gitCredentials,
    boolean gitName,
    boolean gitEmail) {

  /** One path: its kind and, for a clone, its remotes (redacted URLs) and upstream remote. */
  public record PathFacts(
      PathKind kind,
      Map<String, String> remotes,
      Optional<String> branch,
      Optional<String> tracking) {
    public static PathFacts absent() {
      return new PathFacts(PathKind.ABSENT, Map.of(), Optional.empty(), Optional.empty());
    }
  }

  /** A home with nothing in it yet (a new account). */
  public static CodeFacts empty() {
    return new CodeFacts(
        PathFacts.absent(),
        PathFacts.absent(),
        PathKind.ABSENT,
        Map.of(),
        Map.of(),
        false,
        java.util.List.of("create ~/.claude and link it to the Config base"),
        java.util.List.of(),
        java.util.List.of(),
        MarkedFile.State.ABSENT,
        MarkedFile.State.ABSENT,
        Optional.empty(),
        Optional.empty(),
        false,
        false,
        false);
  }

  /** From the worker's {@code inspect} reply. */
  public static CodeFacts from(WorkerReply.Inspected r, boolean journal) {
    return new CodeFacts(
        path(r.code()),
        path(r.infra()),
        r.migrateTmp(),
        r.repos(),
        r.nested(),
        journal,
        r.links().map(WorkerReply.LinkChanges::changes).orElse(java.util.List.of()),
        r.links().map(WorkerReply.LinkChanges::blocked).orElse(java.util.List.of()),
        r.links().map(WorkerReply.LinkChanges::unreachable).orElse(java.util.List.of()),
        r.launcher().orElse(MarkedFile.State.ABSENT),
        r.kubeconfig().orElse(MarkedFile.State.ABSENT),
        r.launcherNow(),
        r.kubeconfigNow(),
        r.gitCredentials().orElse(false),
        r.gitName(),
        r.gitEmail());
  }

  private static PathFacts path(WorkerReply.PathFacts p) {
    return new PathFacts(p.kind(), p.remotes(), p.branch(), p.tracking());
  }
}
