package dev.workstation.doctor;

import dev.workstation.git.TrustedSource;
import dev.workstation.reconcile.RosterLoader;
import dev.workstation.reconcile.SourceReport;
import dev.workstation.util.Inert;
import java.util.ArrayList;
import java.util.List;

/** Nothing untrusted is pending on the roster branch, and no roster is held back (SPEC §8.1). */
final class UntrustedChangesCheck {
  private UntrustedChangesCheck() {}

  static List<Check> run(SourceReport source) {
    List<Check> out = new ArrayList<>();
    for (TrustedSource.Untrusted u : source.untrusted()) {
      out.add(
          Check.fail(
              "roster untrusted change",
              RosterLoader.what(u),
              "review it; revert it, or re-state the content in a signed commit; "
                  + RosterSignersCheck.RUNBOOK));
    }
    source
        .held()
        .ifPresent(
            h ->
                out.add(
                    Check.fail(
                        "roster held back",
                        Inert.text(h),
                        "see the reason; " + RosterSignersCheck.RUNBOOK)));
    return out;
  }
}
