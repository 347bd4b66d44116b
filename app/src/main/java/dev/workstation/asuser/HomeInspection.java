package dev.workstation.asuser;

import dev.workstation.config.MarkedFile;
import dev.workstation.git.Clones;
import dev.workstation.git.GitIdentity;
import dev.workstation.layout.CodeTree;
import dev.workstation.layout.Hoist;
import dev.workstation.layout.PathKind;
import dev.workstation.worker.WorkerReply;
import dev.workstation.worker.WorkerReply.PathFacts;
import dev.workstation.worker.WorkerRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The worker's side of {@link WorkerRequest.Inspect}: the kinds of every path the planner may act
 * on, each clone's wiring, and what else the request asked about — seen as the user, never
 * following a link.
 */
final class HomeInspection {
  private HomeInspection() {}

  static WorkerReply.Inspected inspect(Path home, WorkerRequest.Inspect req) throws IOException {
    Path code = home.resolve("code");
    Path tmp = home.resolve(CodeTree.MIGRATE_TMP);
    Map<String, PathKind> repos = new LinkedHashMap<>();
    Map<String, Boolean> nested = new LinkedHashMap<>();
    boolean codeIsDir = CodeTree.kind(code) == PathKind.DIR;
    // where the infra clone is now: mid-migration it sits at the temp name
    Path infra =
        CodeTree.kind(tmp) == PathKind.CLONE ? tmp : codeIsDir ? code.resolve("infra") : code;
    for (String r : req.repos()) {
      WorkerOps.name(r);
      repos.put(r, codeIsDir ? CodeTree.kind(code.resolve(r)) : PathKind.ABSENT);
      nested.put(r, Hoist.isUntrackedClone(infra, r));
    }
    Optional<WorkerReply.LinkChanges> links = Optional.empty();
    if (req.links().isPresent()) {
      links = Optional.of(WorkerOps.links(home, req.links().get(), true));
    }
    Map<String, Object> identity = GitIdentity.present(home);
    Optional<MarkedFile.State> launcher = state(MarkedFile.LAUNCHER, home, req.launcher());
    Optional<MarkedFile.State> kubeconfig = state(MarkedFile.KUBECONFIG, home, req.kubeconfig());
    return new WorkerReply.Inspected(
        describe(code),
        describe(code.resolve("infra")),
        CodeTree.kind(tmp),
        repos,
        nested,
        links,
        launcher,
        kubeconfig,
        now(MarkedFile.LAUNCHER, home, launcher),
        now(MarkedFile.KUBECONFIG, home, kubeconfig),
        req.credentialsHost().isPresent()
            ? Optional.of(GitIdentity.hasCredentialsFor(home, req.credentialsHost().get()))
            : Optional.empty(),
        Boolean.TRUE.equals(identity.get("name")),
        Boolean.TRUE.equals(identity.get("email")));
  }

  private static Optional<MarkedFile.State> state(
      MarkedFile file, Path home, Optional<String> content) throws IOException {
    return content.isPresent() ? Optional.of(file.observe(home, content.get())) : Optional.empty();
  }

  /** What a stale file of ours holds now (a user's own file is never read out). */
  private static Optional<String> now(MarkedFile file, Path home, Optional<MarkedFile.State> state)
      throws IOException {
    return state.filter(s -> s == MarkedFile.State.STALE).isPresent()
        ? file.ours(home)
        : Optional.empty();
  }

  private static PathFacts describe(Path p) {
    PathKind kind = CodeTree.kind(p);
    if (kind != PathKind.CLONE) {
      return new PathFacts(kind, Map.of(), Optional.empty(), Optional.empty());
    }
    Clones.Facts f = Clones.inspect(p);
    return new PathFacts(kind, f.remotes(), f.branch(), f.trackingRemote());
  }
}
