package dev.workstation.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What offboarding needs to know, observed once.
 *
 * @param leavers users who left since the applied roster (admins excluded)
 * @param records each user with a cut record, and where their cut stands
 * @param accounts which of the leavers and recorded users still have an account
 */
public record CutFacts(List<String> leavers, Map<String, CutState> records, Set<String> accounts) {
  public CutFacts {
    leavers = List.copyOf(leavers);
    records = Map.copyOf(records);
    accounts = Set.copyOf(accounts);
  }

  public static CutFacts none() {
    return new CutFacts(List.of(), Map.of(), Set.of());
  }
}
