package dev.workstation.reconcile;

import dev.workstation.claudeauth.ClaudeAuthResults;
import dev.workstation.claudeauth.ResultReading;
import dev.workstation.plan.ClaudeAuthPlanner;
import dev.workstation.plan.ObservedAccount;
import dev.workstation.roster.AccountSpec;
import dev.workstation.site.SiteConfig;
import java.util.Map;
import java.util.TreeMap;

/**
 * What root reads of each user's Claude-login job for {@code status} and the metrics (SPEC §6.12):
 * only users whose job runs (the section configured, {@code claude_auth: true}, not parked) — so
 * nobody who opted out has a series an alert could fire on — each result file read as hostile input
 * ({@link ClaudeAuthResults}: no link followed, the user's own regular file, capped, strict).
 */
public final class ClaudeAuthReadings {
  private ClaudeAuthReadings() {}

  /** user → their reading, for the users of {@code r} whose job runs, in name order. */
  public static Map<String, ResultReading> of(SiteConfig site, Reconciler.Result r) {
    Map<String, ResultReading> out = new TreeMap<>();
    for (AccountSpec a : r.accounts()) {
      if (ClaudeAuthPlanner.off(site, a).isPresent()) {
        continue;
      }
      ObservedAccount account = r.observed().host().accounts().get(a.osUser());
      out.put(
          a.osUser(),
          account == null
              ? new ResultReading.Missing()
              : ClaudeAuthResults.read(account.home(), account.uid()));
    }
    return out;
  }
}
