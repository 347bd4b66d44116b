package dev.workstation.plan;

import dev.workstation.worker.WorkerRequest;
import java.util.List;

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
    implements UserAction {
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
    fx.worker().call(user, new WorkerRequest.AddCredentials(scheme, host, login, token));
  }
}
