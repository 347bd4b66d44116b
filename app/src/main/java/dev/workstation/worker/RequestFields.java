package dev.workstation.worker;

import static dev.workstation.worker.WorkerCodec.putIfPresent;

import dev.workstation.input.JsonFields;
import dev.workstation.worker.WorkerRequest.AddCredentials;
import dev.workstation.worker.WorkerRequest.ClaudeAuthHome;
import dev.workstation.worker.WorkerRequest.Clone;
import dev.workstation.worker.WorkerRequest.CloneStatus;
import dev.workstation.worker.WorkerRequest.Freshen;
import dev.workstation.worker.WorkerRequest.Hoist;
import dev.workstation.worker.WorkerRequest.Inspect;
import dev.workstation.worker.WorkerRequest.Kubeconfig;
import dev.workstation.worker.WorkerRequest.Launcher;
import dev.workstation.worker.WorkerRequest.LinkSpec;
import dev.workstation.worker.WorkerRequest.Links;
import dev.workstation.worker.WorkerRequest.Migrate;
import dev.workstation.worker.WorkerRequest.SetIdentity;
import dev.workstation.worker.WorkerRequest.WarmUp;
import dev.workstation.worker.WorkerRequest.Wire;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Each request's op name and fields on the wire (see {@link WorkerCodec}). */
final class RequestFields {
  private RequestFields() {}

  static final Set<String> OPS =
      Set.of(
          "inspect",
          "links",
          "launcher",
          "kubeconfig",
          "git-credentials",
          "claude-auth-home",
          "git-identity",
          "clone",
          "wire",
          "clone-status",
          "migrate",
          "hoist",
          "freshen",
          "warm-up");

  static String op(WorkerRequest<?> r) {
    if (r instanceof Inspect) {
      return "inspect";
    } else if (r instanceof Links) {
      return "links";
    } else if (r instanceof Launcher) {
      return "launcher";
    } else if (r instanceof Kubeconfig) {
      return "kubeconfig";
    } else if (r instanceof AddCredentials) {
      return "git-credentials";
    } else if (r instanceof ClaudeAuthHome) {
      return "claude-auth-home";
    } else if (r instanceof SetIdentity) {
      return "git-identity";
    } else if (r instanceof Clone) {
      return "clone";
    } else if (r instanceof Wire) {
      return "wire";
    } else if (r instanceof CloneStatus) {
      return "clone-status";
    } else if (r instanceof Migrate) {
      return "migrate";
    } else if (r instanceof Hoist) {
      return "hoist";
    } else if (r instanceof Freshen) {
      return "freshen";
    } else if (r instanceof WarmUp) {
      return "warm-up";
    }
    throw new IllegalStateException("no op for " + r.getClass()); // the interface is sealed
  }

  static void write(WorkerRequest<?> r, Map<String, Object> m) {
    if (r instanceof Inspect i) {
      m.put("repos", i.repos());
      putIfPresent(m, "links", i.links().map(RequestFields::links));
      putIfPresent(m, "launcher", i.launcher());
      putIfPresent(m, "kubeconfig", i.kubeconfig());
      putIfPresent(m, "credentials_host", i.credentialsHost());
    } else if (r instanceof Links l) {
      m.putAll(links(l.spec()));
    } else if (r instanceof Launcher l) {
      m.put("content", l.content());
    } else if (r instanceof Kubeconfig k) {
      m.put("content", k.content());
    } else if (r instanceof AddCredentials c) {
      m.put("scheme", c.scheme());
      m.put("host", c.host());
      m.put("login", c.login());
      m.put("secret", c.secret());
    } else if (r instanceof ClaudeAuthHome c) {
      putIfPresent(m, "token", c.token());
    } else if (r instanceof SetIdentity s) {
      putIfPresent(m, "name", s.name());
      putIfPresent(m, "email", s.email());
    } else if (r instanceof Clone c) {
      m.put("target", c.target());
      m.put("url", c.url());
      m.put("remote", c.remote());
      putIfPresent(m, "branch", c.branch());
      m.put("locked", c.locked());
      m.put("credentials", c.credentials());
      m.put("mkdir_parent", c.mkdirParent());
    } else if (r instanceof Wire w) {
      m.put("target", w.target());
      m.put("remote", w.remote());
      m.put("url", w.url());
      m.put("branch", w.branch());
      m.put("credentials", w.credentials());
    } else if (r instanceof Hoist h) {
      m.put("name", h.name());
    } else if (r instanceof Freshen f) {
      m.put("jobs", (long) f.jobs());
      m.put("timeout_ms", f.timeoutMillis());
    }
    // clone-status and warm-up have no fields
  }

  private static Map<String, Object> links(LinkSpec s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("base", s.base());
    m.put("kinds", s.kinds());
    m.put("strategy", s.directory() ? "directory" : "entries");
    return m;
  }

  private static LinkSpec links(JsonFields f) {
    return new LinkSpec(
        f.text("base"),
        f.texts("kinds"),
        f.oneOf("strategy", Set.of("directory", "entries")).equals("directory"));
  }

  static WorkerRequest<?> read(String op, JsonFields f) {
    switch (op) {
      case "inspect":
        Optional<JsonFields> links = f.optObject("links");
        Inspect i =
            new Inspect(
                f.texts("repos"),
                links.map(RequestFields::links),
                f.optText("launcher", JsonFields.CONTENT),
                f.optText("kubeconfig", JsonFields.CONTENT),
                f.optText("credentials_host"));
        links.ifPresent(JsonFields::end);
        return i;
      case "links":
        return new Links(links(f));
      case "launcher":
        return new Launcher(f.text("content", JsonFields.CONTENT));
      case "kubeconfig":
        return new Kubeconfig(f.text("content", JsonFields.CONTENT));
      case "git-credentials":
        return new AddCredentials(
            f.text("scheme"), f.text("host"), f.text("login"), f.text("secret"));
      case "claude-auth-home":
        return new ClaudeAuthHome(f.optText("token"));
      case "git-identity":
        return new SetIdentity(f.optText("name"), f.optText("email"));
      case "clone":
        return new Clone(
            f.text("target"),
            f.text("url"),
            f.text("remote"),
            f.optText("branch"),
            f.bool("locked"),
            f.bool("credentials"),
            f.bool("mkdir_parent"));
      case "wire":
        return new Wire(
            f.text("target"),
            f.text("remote"),
            f.text("url"),
            f.text("branch"),
            f.bool("credentials"));
      case "clone-status":
        return new CloneStatus();
      case "migrate":
        return new Migrate();
      case "hoist":
        return new Hoist(f.text("name"));
      case "freshen":
        return new Freshen(
            (int) f.number("jobs", 1, 64), f.number("timeout_ms", 1, 24L * 3600 * 1000));
      case "warm-up":
        return new WarmUp();
      default:
        throw new WorkerProtocolException("request: unknown op"); // OPS lists every case
    }
  }
}
