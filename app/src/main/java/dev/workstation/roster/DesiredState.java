package dev.workstation.roster;

import java.util.Map;
import java.util.SortedMap;

/**
 * What the roster asks of the host, derived purely (no host access): accounts, sticky ports per
 * pool, and the generated files' exact contents.
 */
public record DesiredState(
    SortedMap<String, AccountSpec> accounts,
    Map<String, SortedMap<String, Integer>> ports,
    String ttydUserMap,
    String ttydAdmins,
    Map<String, DispatchEntry> dispatch) {

  /** One row of {@code dispatch.json}: where an SSO user's web surface lives. */
  public record DispatchEntry(String osUser, int port) {}
}
