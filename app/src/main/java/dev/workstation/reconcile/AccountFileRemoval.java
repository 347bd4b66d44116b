package dev.workstation.reconcile;

import dev.workstation.account.UidMap;
import dev.workstation.plan.Action;
import dev.workstation.plan.Effects;
import dev.workstation.plan.Planners;
import dev.workstation.plan.RevokeClaudeToken;
import dev.workstation.secrets.Secrets;
import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Destroy's step for the facets: the user's Claude-login Vault token revoked if root still records
 * one (the cut revokes it; this retries one that failed then), every root file that goes with the
 * account ({@link dev.workstation.plan.Planner.AccountFiles}) removed through the no-follow removal
 * port, then one systemd reload when one of them was a unit file — the same actions a run would
 * apply, each reported as a run reports its actions.
 */
final class AccountFileRemoval {
  private AccountFileRemoval() {}

  static void remove(SiteConfig site, Ports ports, String user, int uid, Consumer<ActionReport> log)
      throws IOException {
    RootTokens tokens = new RootTokens(site);
    List<Action> steps = new ArrayList<>();
    String accessor = tokens.recorded().get(user);
    if (accessor != null) {
      steps.add(new RevokeClaudeToken(user, accessor, "the account is destroyed"));
    }
    steps.addAll(Planners.destroying(Planners.ALL, site, user, uid));
    if (steps.isEmpty()) {
      return;
    }
    Effects fx =
        new HostEffects(
            ports,
            UidMap.load(site.stateDir()),
            site.stateDir(),
            new HostEffects.Vault(
                (mount, path, field) -> {
                  throw new Secrets.SecretsException("destroy reads no secret", false);
                },
                tokens));
    for (Action step : steps) {
      long start = System.nanoTime();
      try {
        step.apply(fx);
        log.accept(new ActionReport(step, new Outcome.Applied(), millis(start)));
      } catch (Exception e) {
        log.accept(new ActionReport(step, new Outcome.Failed(Applier.message(e)), millis(start)));
        throw new RunFailedException(
            step.describe()
                + " failed: "
                + Applier.message(e)
                + "; the account is kept (fix it and run destroy again)");
      }
    }
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
