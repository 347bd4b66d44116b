package dev.workstation.cli;

import dev.workstation.derive.Deriver;
import dev.workstation.reconcile.AppliedRoster;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.RosterParser;
import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts of the roster this host last applied, for a resident process that asks on every
 * request: read each time (a reconcile may have applied another since), parsed and derived again
 * only when its bytes changed.
 */
final class AppliedAccounts {
  private record Memo(byte[] roster, Map<String, AccountSpec> accounts) {}

  private static volatile Memo last;

  private AppliedAccounts() {}

  /** Every account by OS user, in roster order; empty before any reconcile. */
  static Map<String, AccountSpec> of(SiteConfig site) throws IOException {
    Optional<AppliedRoster.Snapshot> applied = new AppliedRoster(site.stateDir()).read();
    if (applied.isEmpty()) {
      return Map.of();
    }
    byte[] roster = applied.get().roster();
    Memo m = last;
    if (m != null && Arrays.equals(m.roster(), roster)) {
      return m.accounts();
    }
    Map<String, AccountSpec> accounts =
        java.util.Collections.unmodifiableMap(
            new java.util.LinkedHashMap<>(
                Deriver.derive(RosterParser.parse("last applied roster", roster), site, Map.of())
                    .accounts()));
    last = new Memo(roster, accounts);
    return accounts;
  }
}
