package dev.workstation.roster;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** A validated roster: users by os_user, in name order. Only {@link RosterParser} makes one. */
public record Roster(SortedMap<String, UserSpec> users) {

  public Roster {
    users = Collections.unmodifiableSortedMap(new TreeMap<>(users));
  }

  public static Roster empty() {
    return new Roster(new TreeMap<>());
  }

  public Optional<UserSpec> user(String osUser) {
    return Optional.ofNullable(users.get(osUser));
  }

  public Map<String, UserSpec> asMap() {
    return users;
  }
}
