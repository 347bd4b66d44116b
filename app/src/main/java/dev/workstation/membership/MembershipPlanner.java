package dev.workstation.membership;

import dev.workstation.membership.MembershipPlan.Addition;
import dev.workstation.membership.MembershipPlan.Removal;
import dev.workstation.roster.AccountName;
import dev.workstation.roster.Roster;
import dev.workstation.roster.RosterEdits.NewRow;
import dev.workstation.roster.Tier;
import dev.workstation.roster.UserSpec;
import dev.workstation.site.MembershipConfig.Floor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The group against the roster, pure. The group carries one bit per person (member or not); the
 * roster carries policy. So there are three outcomes, keyed on {@code authentik_user} (never on the
 * account name: the two differ for real people, {@code emil.barzin} is {@code emo}): a member with
 * a row is left alone, a member without one gets the floor row, a row whose member left is
 * commented out — except an admin's. Whatever is ambiguous is a conflict: reported, never guessed.
 */
public final class MembershipPlanner {
  private MembershipPlanner() {}

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  /**
   * @param accountExists whether an account of that name exists on this host (a cut user waiting
   *     for destroy, a local account): a new member never silently takes it over
   */
  public static MembershipPlan plan(
      Roster roster, Roll roll, Floor floor, Predicate<String> accountExists) {
    Map<String, UserSpec> byIdentity = new HashMap<>();
    roster.users().values().forEach(u -> byIdentity.put(u.authentikUser(), u));
    List<String> conflicts = new ArrayList<>();
    Set<String> kept = new HashSet<>(); // identities whose rows stay, whatever else happens
    Map<String, List<Roll.Person>> byName = new TreeMap<>();
    int unchanged = 0;
    for (List<Roll.Person> same : identities(roll).values()) {
      Roll.Person p = same.get(0);
      if (same.size() > 1) {
        conflicts.add(
            names(same)
                + " all read as authentik_user "
                + p.identity()
                + "; tell them apart in"
                + " the IdP, or write their rows by hand");
        kept.add(p.identity());
        continue;
      }
      UserSpec row = byIdentity.getOrDefault(p.identity(), byIdentity.get(p.username()));
      if (row != null) {
        kept.add(row.authentikUser());
        unchanged++;
      } else {
        byName.computeIfAbsent(p.osUser(), n -> new ArrayList<>()).add(p);
      }
    }
    for (Roll.Refused r : roll.refused()) {
      r.held().ifPresent(kept::add);
      conflicts.add("member " + r.shown() + " was refused: " + r.why());
    }
    List<Addition> additions = new ArrayList<>();
    for (List<Roll.Person> claim : byName.values()) {
      newcomer(roster, claim, floor, accountExists)
          .ifPresentOrElse(conflicts::add, () -> additions.add(floorRow(claim.get(0), floor)));
    }
    List<Removal> removals = new ArrayList<>();
    List<String> protectedAdmins = new ArrayList<>();
    for (UserSpec u : new TreeMap<>(roster.users()).values()) {
      if (kept.contains(u.authentikUser())) {
        continue;
      }
      if (u.tier() == Tier.ADMIN) {
        protectedAdmins.add(u.osUser());
      } else {
        removals.add(new Removal(u.osUser(), u.authentikUser()));
      }
    }
    return new MembershipPlan(additions, removals, protectedAdmins, conflicts, unchanged);
  }

  /** Why the members in {@code claim} (all after one account name) cannot get it, or empty. */
  private static Optional<String> newcomer(
      Roster roster, List<Roll.Person> claim, Floor floor, Predicate<String> accountExists) {
    String name = claim.get(0).osUser();
    String who = names(claim);
    if (claim.size() > 1) {
      return Optional.of(
          who + " would all get the account name " + name + "; add their rows by hand");
    }
    Optional<String> invalid = AccountName.problem(name);
    if (invalid.isPresent()) {
      return Optional.of(who + ": " + invalid.get() + "; add the row by hand with another name");
    }
    Optional<UserSpec> holder = roster.user(name);
    if (holder.isPresent()) {
      return Optional.of(
          who
              + ": the account name "
              + name
              + " belongs to the row of authentik_user "
              + holder.get().authentikUser()
              + "; add the row by hand with another name");
    }
    if (accountExists.test(name)) {
      return Optional.of(
          who
              + ": an account named "
              + name
              + " already exists on this host (a cut user's, or a"
              + " local one); if it is theirs, re-add their row by hand");
    }
    for (String ns : floor.namespacesFor(name)) {
      if (!DNS_LABEL.matcher(ns).matches()) {
        return Optional.of(who + ": the floor's namespace " + ns + " is not a valid name");
      }
    }
    return Optional.empty();
  }

  private static Addition floorRow(Roll.Person p, Floor floor) {
    String name = p.osUser();
    return new Addition(
        p,
        new NewRow(
            name,
            p.identity(),
            name,
            floor.tier(),
            floor.namespacesFor(name),
            floor.layout(),
            List.of(),
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
  }

  private static Map<String, List<Roll.Person>> identities(Roll roll) {
    Map<String, List<Roll.Person>> out = new TreeMap<>();
    roll.people().forEach(p -> out.computeIfAbsent(p.identity(), i -> new ArrayList<>()).add(p));
    return out;
  }

  private static String names(List<Roll.Person> people) {
    List<String> out = new ArrayList<>();
    people.forEach(p -> out.add(p.username()));
    return String.join(" and ", out);
  }
}
