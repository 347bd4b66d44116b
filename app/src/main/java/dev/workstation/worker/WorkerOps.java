package dev.workstation.worker;

import dev.workstation.config.ConfigLinks;
import dev.workstation.config.MarkedFile;
import dev.workstation.git.Clones;
import dev.workstation.git.Freshener;
import dev.workstation.git.GitCredentials;
import dev.workstation.git.GitIdentity;
import dev.workstation.layout.CodeTree;
import dev.workstation.layout.Hoist;
import dev.workstation.layout.Migration;
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

  @SuppressWarnings("unchecked")
  public static Object run(Path home, Map<String, Object> req) throws Exception {
    String op = str(req, "op");
    return switch (op) {
      case "inspect" -> {
        Map<String, Object> facts =
            new LinkedHashMap<>(CodeTree.inspect(home, strings(req, "repos")));
        if (req.get("links") instanceof Map<?, ?> links) {
          facts.put("links", links(home, (Map<String, Object>) links, true));
        }
        if (req.get("launcher") instanceof String content) {
          facts.put("launcher", MarkedFile.LAUNCHER.state(home, content));
        }
        if (req.get("kubeconfig") instanceof String content) {
          facts.put("kubeconfig", MarkedFile.KUBECONFIG.state(home, content));
        }
        if (req.get("credentials_host") instanceof String host) {
          facts.put("git_credentials", GitIdentity.hasCredentialsFor(home, host));
        }
        facts.put("git_identity", GitIdentity.present(home));
        yield facts;
      }
      case "links" -> links(home, req, false);
      case "read-marked" -> {
        // plan --diff: what a stale marked file holds now (ours only: a user's own file is not
        // read)
        MarkedFile file =
            switch (str(req, "file")) {
              case "launcher" -> MarkedFile.LAUNCHER;
              case "kubeconfig" -> MarkedFile.KUBECONFIG;
              default -> throw new IllegalArgumentException("no marked file " + req.get("file"));
            };
        Map<String, Object> out = new LinkedHashMap<>();
        file.ours(home).ifPresent(c -> out.put("content", c));
        yield out;
      }
      case "launcher" -> {
        MarkedFile.LAUNCHER.write(home, str(req, "content"));
        yield Map.of("deployed", true);
      }
      case "kubeconfig" -> {
        MarkedFile.KUBECONFIG.write(home, str(req, "content"));
        yield Map.of("written", true);
      }
      case "git-credentials" -> {
        GitIdentity.addCredentials(
            home, str(req, "scheme"), str(req, "host"), str(req, "login"), str(req, "secret"));
        yield Map.of("written", true); // never echo the secret
      }
      case "git-identity" -> {
        GitIdentity.setIfAbsent(home, (String) req.get("name"), (String) req.get("email"));
        yield Map.of("written", true);
      }
      case "clone" -> {
        Path target = codePath(home, str(req, "target"));
        if (Boolean.TRUE.equals(req.get("mkdir_parent"))
            && !Files.exists(target.getParent(), LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectory(target.getParent());
        }
        Clones.clone(
            target,
            str(req, "url"),
            str(req, "remote"),
            (String) req.get("branch"),
            Boolean.TRUE.equals(req.get("locked")),
            credentials(home, req));
        yield Map.of("cloned", str(req, "target"));
      }
      case "wire" -> {
        Clones.wireRemote(
            codePath(home, str(req, "target")),
            str(req, "remote"),
            str(req, "url"),
            str(req, "branch"),
            credentials(home, req));
        yield Map.of("wired", str(req, "target"));
      }
      case "clone-status" -> {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Path clone : CodeTree.clones(home)) {
          out.put(home.relativize(clone).toString(), dev.workstation.git.CloneStatus.of(clone));
        }
        yield out;
      }
      case "migrate" -> Map.of("steps", Migration.run(home, (String) req.get("fault")));
      case "hoist" -> {
        Hoist.hoist(home, name(str(req, "name")));
        yield Map.of("hoisted", str(req, "name"));
      }
      case "freshen" -> {
        List<Freshener.Outcome> outcomes =
            Freshener.freshenAll(
                CodeTree.clones(home),
                ((Number) req.getOrDefault("jobs", 4L)).intValue(),
                Duration.ofMillis(((Number) req.getOrDefault("timeout_ms", 30_000L)).longValue()),
                GitCredentials.readIfPresent(home.resolve(".git-credentials")));
        List<Object> out = new ArrayList<>();
        for (Freshener.Outcome o : outcomes) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("repo", home.relativize(Path.of(o.repo())).toString());
          m.put("outcome", o.outcome());
          m.put("ms", o.millis());
          out.add(m);
        }
        yield out;
      }
      case "warm-up" -> {
        WarmUp.run();
        yield Map.of("warm", true);
      }
      default -> throw new IllegalArgumentException("unknown worker op " + op);
    };
  }

  static Map<String, Object> links(Path home, Map<String, Object> req, boolean dryRun)
      throws java.io.IOException {
    ConfigLinks.Result r =
        new ConfigLinks(
                home,
                Path.of(str(req, "base")),
                strings(req, "kinds"),
                !"directory".equals(req.get("strategy")),
                dryRun)
            .run();
    return Map.of("changes", r.changes(), "blocked", r.blocked());
  }

  private static GitCredentials credentials(Path home, Map<String, Object> req)
      throws java.io.IOException {
    return Boolean.TRUE.equals(req.get("credentials"))
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
    if (!n.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException("not a repo name: " + n);
    }
    return n;
  }

  static String str(Map<String, Object> req, String key) {
    Object v = req.get(key);
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("worker request lacks " + key);
    }
    return s;
  }

  @SuppressWarnings("unchecked")
  static List<String> strings(Map<String, Object> req, String key) {
    Object v = req.get(key);
    return v == null ? List.of() : (List<String>) v;
  }
}
