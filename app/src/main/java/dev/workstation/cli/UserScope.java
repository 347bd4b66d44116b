package dev.workstation.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --user U}: the one-user scope of the commands that act per user (a picocli mixin). */
final class UserScope {
  @Option(
      names = "--user",
      paramLabel = "U",
      description = "Only this user.",
      completionCandidates = UserCandidates.class)
  String user;

  Optional<String> user() {
    return Optional.ofNullable(user);
  }
}
