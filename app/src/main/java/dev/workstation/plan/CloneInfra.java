package dev.workstation.plan;

import dev.workstation.worker.WorkerRequest;
import java.util.List;

/**
 * Clone the infra monorepo for a non-admin, locked: from the infra URL — anonymously, or with the
 * user's own token when {@code withUserToken} ({@code infra.clone_credentials: user}) — git-crypt's
 * filters set to pass ciphertext through, then the branch checked out. Never a key. Like a roster
 * repo, a clone the user's token cannot read yet is deferred and retried next run.
 */
public record CloneInfra(
    String user,
    String target,
    String url,
    String branch,
    boolean withUserToken,
    List<ActionKey> dependsOn)
    implements UserAction {
  public CloneInfra {
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public String kind() {
    return "clone-infra";
  }

  @Override
  public String describe() {
    // "locked" is the clone's filter config: true with or without git-crypt'd files in the repo
    return "clone infra into ~/"
        + target
        + " from "
        + url
        + " ("
        + branch
        + "; locked: git-crypt'd files are never decrypted"
        + (withUserToken ? "; with " + user + "'s own token)" : ")");
  }

  @Override
  public void apply(Effects fx) throws Exception {
    WorkerRequest.Clone req =
        new WorkerRequest.Clone(
            target,
            url,
            "origin",
            java.util.Optional.ofNullable(branch),
            true,
            withUserToken,
            !target.equals("code"));
    if (!withUserToken) {
      fx.worker().call(user, req);
      return;
    }
    try {
      fx.worker().call(user, req);
    } catch (Exception e) {
      throw new DeferredException(
          "could not clone infra yet (" + e.getMessage() + "); will retry next run");
    }
  }
}
