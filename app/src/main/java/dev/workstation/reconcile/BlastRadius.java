package dev.workstation.reconcile;

import dev.workstation.roster.Roster;
import dev.workstation.roster.Tier;
import dev.workstation.roster.UserSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * SPEC §8.4: even a trusted roster is not applied when one run would cut more than {@code
 * roster.max_cuts} users, or when it empties the roster or removes its last admin — what a bad
 * membership commit or a slip looks like. An explicit allowance (the trailer {@code
 * Workstation-Allow-Cuts: N} in the signed commit, or {@code reconcile --allow-cuts N}) with N at
 * least the number of cuts lets it through. Pure: compared with the roster last applied.
 */
public final class BlastRadius {
  private BlastRadius() {}

  /**
   * Why {@code candidate} must be held back, or empty.
   *
   * @param applied the roster last applied here; with none, nobody can be cut and nothing is held
   */
  public static Optional<String> refusal(
      Optional<Roster> applied, Roster candidate, int maxCuts, OptionalInt allowance) {
    if (applied.isEmpty()) {
      return Optional.empty();
    }
    List<String> cuts = new ArrayList<>();
    boolean hadAdmin = false;
    for (UserSpec u : applied.get().users().values()) {
      hadAdmin |= u.tier() == Tier.ADMIN;
      if (u.tier() != Tier.ADMIN && candidate.user(u.osUser()).isEmpty()) {
        cuts.add(u.osUser()); // admins are never cut automatically (CutPlanner)
      }
    }
    if (allowance.isPresent() && allowance.getAsInt() >= cuts.size()) {
      return Optional.empty();
    }
    List<String> why = new ArrayList<>();
    if (cuts.size() > maxCuts) {
      why.add(
          "it would cut "
              + cuts.size()
              + " users ("
              + String.join(", ", cuts)
              + "), more than roster.max_cuts ("
              + maxCuts
              + ")");
    }
    if (candidate.users().isEmpty() && !applied.get().users().isEmpty()) {
      why.add("it leaves no users");
    } else if (hadAdmin
        && candidate.users().values().stream().noneMatch(u -> u.tier() == Tier.ADMIN)) {
      why.add("it leaves no admin");
    }
    if (why.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "held back: "
            + String.join(" and ", why)
            + "; the last applied roster stays in force. If this is intended, an admin adds the"
            + " trailer 'Workstation-Allow-Cuts: "
            + cuts.size()
            + "' to a signed commit, or runs workstation reconcile --allow-cuts "
            + cuts.size()
            + (allowance.isPresent()
                ? " (the allowance given, " + allowance.getAsInt() + ", is too small)"
                : ""));
  }
}
