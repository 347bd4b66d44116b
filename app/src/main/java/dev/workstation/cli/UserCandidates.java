package dev.workstation.cli;

import java.util.Iterator;
import java.util.List;

/**
 * Completion candidates for a user name. The completion script is generated once (at package build)
 * while users come and go, so this yields one marker that {@link CompletionCommand} turns into a
 * lookup run at completion time: the host's human accounts (uid 1000 and up).
 */
final class UserCandidates implements Iterable<String> {
  static final String MARKER = "@workstation-users@";

  @Override
  public Iterator<String> iterator() {
    return List.of(MARKER).iterator();
  }
}
