package dev.workstation.worker;

import static dev.workstation.worker.WorkerCodec.putIfPresent;

import dev.workstation.config.MarkedFile;
import dev.workstation.git.CloneStatus;
import dev.workstation.git.FreshenOutcome;
import dev.workstation.git.Freshener;
import dev.workstation.input.JsonFields;
import dev.workstation.layout.PathKind;
import dev.workstation.worker.WorkerReply.CloneStates;
import dev.workstation.worker.WorkerReply.Done;
import dev.workstation.worker.WorkerReply.Freshened;
import dev.workstation.worker.WorkerReply.Inspected;
import dev.workstation.worker.WorkerReply.LinkChanges;
import dev.workstation.worker.WorkerReply.Migrated;
import dev.workstation.worker.WorkerReply.PathFacts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Each reply's fields on the wire (see {@link WorkerCodec}). Reading is where root meets what a
 * user may have forged, so every field is checked against its closed set or shape: kinds, marked
 * file states, clone paths ({@code code} or {@code code/<name>}), state lines, freshen outcomes.
 */
final class ReplyCodec {
  private ReplyCodec() {}

  static final Set<String> KINDS =
      Arrays.stream(PathKind.values()).map(PathKind::word).collect(Collectors.toSet());
  static final Set<String> MARKED_STATES =
      Arrays.stream(MarkedFile.State.values())
          .map(MarkedFile.State::word)
          .collect(Collectors.toSet());

  /** Where a clone may be: {@code code} or {@code code/<repo name>}. */
  static final Pattern CLONE_PATH = Pattern.compile("code(/[A-Za-z0-9][A-Za-z0-9._-]*)?");

  /** A repo name, as the worker checks it. */
  static final Pattern REPO_NAME = WorkerRequest.REPO_NAME;

  static Map<String, Object> write(WorkerReply reply) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (reply instanceof Inspected i) {
      m.put("code", path(i.code()));
      m.put("infra", path(i.infra()));
      m.put("migrate_tmp", i.migrateTmp().word());
      Map<String, Object> repos = new LinkedHashMap<>();
      i.repos().forEach((name, kind) -> repos.put(name, kind.word()));
      m.put("repos", repos);
      m.put("nested", i.nested());
      putIfPresent(m, "links", i.links().map(ReplyCodec::write));
      putIfPresent(m, "launcher", i.launcher().map(MarkedFile.State::word));
      putIfPresent(m, "kubeconfig", i.kubeconfig().map(MarkedFile.State::word));
      putIfPresent(m, "launcher_now", i.launcherNow());
      putIfPresent(m, "kubeconfig_now", i.kubeconfigNow());
      putIfPresent(m, "git_credentials", i.gitCredentials());
      m.put("git_identity", Map.of("name", i.gitName(), "email", i.gitEmail()));
    } else if (reply instanceof LinkChanges l) {
      m.put("changes", l.changes());
      m.put("blocked", l.blocked());
      m.put("unreachable", l.unreachable());
    } else if (reply instanceof CloneStates s) {
      Map<String, Object> clones = new LinkedHashMap<>();
      s.clones().forEach((rel, c) -> clones.put(rel, clone(c)));
      m.put("clones", clones);
    } else if (reply instanceof Migrated mi) {
      m.put("steps", mi.steps());
    } else if (reply instanceof Freshened f) {
      List<Object> out = new ArrayList<>();
      for (Freshener.Outcome o : f.outcomes()) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("repo", o.repo());
        e.put("outcome", o.outcome().text());
        e.put("ms", o.millis());
        out.add(e);
      }
      m.put("outcomes", out);
    }
    return m; // Done: nothing
  }

  private static Map<String, Object> path(PathFacts p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", p.kind().word());
    if (!p.remotes().isEmpty() || p.branch().isPresent() || p.tracking().isPresent()) {
      m.put("remotes", p.remotes());
      putIfPresent(m, "branch", p.branch());
      putIfPresent(m, "tracking", p.tracking());
    }
    return m;
  }

  /** The reply to {@code request}, read from {@code f} (the caller ends {@code f}). */
  @SuppressWarnings("unchecked") // each branch reads the reply type its request is declared with
  static <R extends WorkerReply> R read(WorkerRequest<R> request, JsonFields f) {
    WorkerReply r;
    if (request instanceof WorkerRequest.Inspect) {
      r = inspected(f);
    } else if (request instanceof WorkerRequest.Links) {
      r = links(f);
    } else if (request instanceof WorkerRequest.CloneStatus) {
      r = new CloneStates(f.map("clones", k -> CLONE_PATH.matcher(k).matches(), e -> clone(e)));
    } else if (request instanceof WorkerRequest.Migrate) {
      r = new Migrated(f.texts("steps"));
    } else if (request instanceof WorkerRequest.Freshen) {
      r = new Freshened(outcomes(f));
    } else {
      r = new Done();
    }
    return (R) r;
  }

  private static LinkChanges links(JsonFields f) {
    return new LinkChanges(f.texts("changes"), f.texts("blocked"), f.texts("unreachable"));
  }

  private static Inspected inspected(JsonFields f) {
    Optional<JsonFields> links = f.optObject("links");
    JsonFields identity = f.object("git_identity");
    Inspected i =
        new Inspected(
            pathFacts(f.object("code")),
            pathFacts(f.object("infra")),
            kind(f.oneOf("migrate_tmp", KINDS)),
            f.map("repos", k -> REPO_NAME.matcher(k).matches(), e -> kind(e.oneOf(KINDS))),
            f.map("nested", k -> REPO_NAME.matcher(k).matches(), JsonFields.Entry::bool),
            links.map(ReplyCodec::links),
            f.optOneOf("launcher", MARKED_STATES).map(ReplyCodec::marked),
            f.optOneOf("kubeconfig", MARKED_STATES).map(ReplyCodec::marked),
            f.optText("launcher_now", JsonFields.CONTENT),
            f.optText("kubeconfig_now", JsonFields.CONTENT),
            f.optBool("git_credentials"),
            identity.bool("name"),
            identity.bool("email"));
    links.ifPresent(JsonFields::end);
    identity.end();
    return i;
  }

  private static PathFacts pathFacts(JsonFields f) {
    PathKind kind = kind(f.oneOf("kind", KINDS));
    Map<String, String> remotes = f.optMap("remotes", k -> true, JsonFields.Entry::text);
    PathFacts p = new PathFacts(kind, remotes, f.optText("branch"), f.optText("tracking"));
    f.end();
    return p;
  }

  /** A word already checked against {@link #KINDS}. */
  private static PathKind kind(String word) {
    return PathKind.valueOf(word.toUpperCase(Locale.ROOT));
  }

  /** A word already checked against {@link #MARKED_STATES}. */
  private static MarkedFile.State marked(String word) {
    return MarkedFile.State.valueOf(word.toUpperCase(Locale.ROOT));
  }

  private static Map<String, Object> clone(CloneStatus c) {
    Map<String, Object> m = new LinkedHashMap<>();
    putIfPresent(m, "branch", c.branch());
    putIfPresent(m, "upstream", c.upstream());
    m.put("ahead", (long) c.ahead());
    m.put("behind", (long) c.behind());
    m.put("dirty", c.dirty());
    putIfPresent(m, "last_fetch", c.lastFetch());
    m.put("state", c.state());
    return m;
  }

  private static CloneStatus clone(JsonFields.Entry e) {
    JsonFields f = e.object();
    CloneStatus c =
        new CloneStatus(
            f.optText("branch"),
            f.optText("upstream"),
            (int) f.number("ahead", 0, Integer.MAX_VALUE),
            (int) f.number("behind", 0, Integer.MAX_VALUE),
            f.bool("dirty"),
            f.optText("last_fetch"),
            f.text("state"));
    if (!CloneStatus.STATE.matcher(c.state()).matches()) {
      throw f.error("state", "is not a clone state");
    }
    f.end();
    return c;
  }

  static List<Freshener.Outcome> outcomes(JsonFields f) {
    List<Freshener.Outcome> out = new ArrayList<>();
    for (JsonFields o : f.objects("outcomes")) {
      String repo = o.text("repo");
      if (!CLONE_PATH.matcher(repo).matches()) {
        throw o.error("repo", "is not a clone path under the home");
      }
      String text = o.text("outcome");
      FreshenOutcome outcome =
          FreshenOutcome.parse(text).orElseThrow(() -> o.error("outcome", "is not an outcome"));
      out.add(new Freshener.Outcome(repo, outcome, o.number("ms", 0, Long.MAX_VALUE)));
      o.end();
    }
    return out;
  }
}
