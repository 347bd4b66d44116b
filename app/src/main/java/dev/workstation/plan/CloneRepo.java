package dev.workstation.plan;

import dev.workstation.worker.WorkerRequest;
import java.util.List;

/**
 * Clone a roster repo into {@code ~/code/<name>} as the user, with the user's own token from their
 * {@code ~/.git-credentials} (read by the worker; never in a URL, config or log). Not found or no
 * access yet (what the server answered), or the server unreachable: deferred, a warning, and the
 * next run retries. Anything else (a full disk) is a failure.
 */
public record CloneRepo(
    String user, String name, String url, String remote, String branch, List<ActionKey> dependsOn)
    implements UserAction {
  public CloneRepo {
    dependsOn = List.copyOf(dependsOn);
  }

  @Override
  public String kind() {
    return "clone-repo";
  }

  @Override
  public ActionKey key() {
    return ActionKey.of(kind(), user, name);
  }

  @Override
  public String describe() {
    return "clone "
        + name
        + " into ~/code/"
        + name
        + " from "
        + url
        + " (with "
        + user
        + "'s own token)";
  }

  @Override
  public void apply(Effects fx) throws Exception {
    WorkerRequest.Clone req =
        new WorkerRequest.Clone(
            "code/" + name, url, remote, java.util.Optional.ofNullable(branch), false, true, false);
    try {
      fx.worker().call(user, req);
    } catch (dev.workstation.worker.UserWorker.TimedOut e) {
      throw e; // a clone that hangs past the user's budget is a failure to see, not a retry
    } catch (dev.workstation.worker.UserWorker.WorkerException e) {
      if (!dev.workstation.git.CloneFailure.retryable(e.getMessage())) {
        throw e; // a full disk or an unwritable home is a failure, not "no access yet"
      }
      throw new DeferredException(
          "could not clone " + name + " yet: " + e.getMessage() + "; will retry next run");
    }
  }
}
