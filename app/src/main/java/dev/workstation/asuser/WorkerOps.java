package dev.workstation.asuser;

import dev.workstation.config.ConfigLinks;
import dev.workstation.config.MarkedFile;
import dev.workstation.git.CloneStatus;
import dev.workstation.git.Clones;
import dev.workstation.git.Freshener;
import dev.workstation.git.GitCredentials;
import dev.workstation.git.GitIdentity;
import dev.workstation.layout.CodeTree;
import dev.workstation.layout.Hoist;
import dev.workstation.layout.Migration;
import dev.workstation.util.Checkpoints;
import dev.workstation.worker.WorkerReply;
import dev.workstation.worker.WorkerReply.Done;
import dev.workstation.worker.WorkerRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations a worker performs inside its own user's home. Paths come as names relative to the
 * home and are checked here, so a request can never point the worker outside {@code ~/code}.
 */
public final class WorkerOps {
  private WorkerOps() {}

  /** Does {@code r} in {@code home}; its reply. */
  public static WorkerReply run(Path home, WorkerRequest<?> r) throws Exception {
    return run(home, r, Checkpoints.NONE);
  }

  /** Does {@code r} in {@code home}, passing each step of a layout move to {@code steps}. */
  public static WorkerReply run(Path home, WorkerRequest<?> r, Checkpoints steps) throws Exception {
    if (r instanceof WorkerRequest.Inspect i) {
      return HomeInspection.inspect(home, i);
    } else if (r instanceof WorkerRequest.Links l) {
      return links(home, l.spec(), false);
    } else if (r instanceof WorkerRequest.Launcher l) {
      MarkedFile.LAUNCHER.write(home, l.content());
    } else if (r instanceof WorkerRequest.Kubeconfig k) {
      MarkedFile.KUBECONFIG.write(home, k.content());
    } else if (r instanceof WorkerRequest.AddCredentials c) {
      GitIdentity.addCredentials(home, c.scheme(), c.host(), c.login(), c.secret());
    } else if (r instanceof WorkerRequest.ClaudeAuthHome c) {
      ClaudeAuthHome.prepare(home, c.token());
    } else if (r instanceof WorkerRequest.SetIdentity s) {
      GitIdentity.setIfAbsent(home, s.name().orElse(null), s.email().orElse(null));
    } else if (r instanceof WorkerRequest.Clone c) {
      clone(home, c);
    } else if (r instanceof WorkerRequest.Wire w) {
      Clones.wireRemote(
          codePath(home, w.target()),
          w.remote(),
          w.url(),
          w.branch(),
          credentials(home, w.credentials()));
    } else if (r instanceof WorkerRequest.CloneStatus) {
      Map<String, CloneStatus> out = new LinkedHashMap<>();
      for (Path clone : CodeTree.clones(home)) {
        out.put(home.relativize(clone).toString(), CloneStatus.of(clone));
      }
      return new WorkerReply.CloneStates(out);
    } else if (r instanceof WorkerRequest.Migrate m) {
      return new WorkerReply.Migrated(Migration.run(home, steps));
    } else if (r instanceof WorkerRequest.Hoist h) {
      Hoist.hoist(home, name(h.name()));
    } else if (r instanceof WorkerRequest.Freshen f) {
      return freshen(home, f);
    } else if (r instanceof WorkerRequest.WarmUp) {
      WarmUp.run();
    }
    return new Done();
  }

  private static void clone(Path home, WorkerRequest.Clone c) throws Exception {
    Path target = codePath(home, c.target());
    if (c.mkdirParent() && !Files.exists(target.getParent(), LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectory(target.getParent());
    }
    Clones.clone(
        target,
        c.url(),
        c.remote(),
        c.branch().orElse(null),
        c.locked(),
        credentials(home, c.credentials()));
  }

  private static WorkerReply.Freshened freshen(Path home, WorkerRequest.Freshen f)
      throws IOException {
    List<Freshener.Outcome> outcomes =
        Freshener.freshenAll(
            CodeTree.clones(home),
            f.jobs(),
            Duration.ofMillis(f.timeoutMillis()),
            GitCredentials.readIfPresent(home.resolve(".git-credentials")));
    List<Freshener.Outcome> out = new ArrayList<>();
    for (Freshener.Outcome o : outcomes) {
      out.add(
          new Freshener.Outcome(
              home.relativize(Path.of(o.repo())).toString(), o.outcome(), o.millis()));
    }
    return new WorkerReply.Freshened(out);
  }

  static WorkerReply.LinkChanges links(Path home, WorkerRequest.LinkSpec spec, boolean dryRun)
      throws IOException {
    ConfigLinks.Result r =
        new ConfigLinks(home, Path.of(spec.base()), spec.kinds(), !spec.directory(), dryRun).run();
    return new WorkerReply.LinkChanges(r.changes(), r.blocked(), r.unreachable());
  }

  private static GitCredentials credentials(Path home, boolean wanted) throws IOException {
    return wanted
        ? GitCredentials.readIfPresent(home.resolve(".git-credentials"))
        : GitCredentials.none();
  }

  /** {@code code}, {@code code/infra} or {@code code/<repo>} — nothing else. */
  static Path codePath(Path home, String rel) {
    if (rel.equals("code")) {
      return home.resolve("code");
    }
    if (rel.startsWith("code/")) {
      return home.resolve("code").resolve(name(rel.substring(5)));
    }
    throw new IllegalArgumentException("not a path under ~/code: " + rel);
  }

  static String name(String n) {
    if (!WorkerRequest.REPO_NAME.matcher(n).matches()) {
      throw new IllegalArgumentException("not a repo name: " + n);
    }
    return n;
  }
}
