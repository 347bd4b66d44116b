package dev.workstation.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Put the user's Forgejo token from Vault into {@code ~/.git-credentials} (0600) when it has no
 * line for the host. The token is read only here, at apply time, and goes to the worker on its
 * stdin: never into the plan, a log line, argv or JSON output.
 */
public record WriteGitCredentials(
    String user,
    String scheme,
    String host,
    String login,
    String mount,
    String path,
    String field,
    List<ActionKey> dependsOn)
    implements Action {
  public WriteGitCredentials {
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public String kind() {
    return "write-git-credentials";
  }

  @Override
  public String describe() {
    return "add "
        + login
        + "'s token for "
        + host
        + " to ~/.git-credentials (from vault "
        + mount
        + "/"
        + path
        + ")";
  }

  @Override
  public void apply(Effects fx) throws Exception {
    String token;
    try {
      token = fx.secrets().read(mount, path, field);
    } catch (dev.workstation.secrets.Secrets.SecretsException e) {
      if (e.notFound() || e.unreachable()) {
        throw new DeferredException(e.getMessage() + "; will retry next run");
      }
      throw e;
    }
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("op", "git-credentials");
    req.put("scheme", scheme);
    req.put("host", host);
    req.put("login", login);
    req.put("secret", token);
    fx.worker().call(user, req);
  }
}
