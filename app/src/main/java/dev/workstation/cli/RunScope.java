package dev.workstation.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What a planning run covers: {@code --user} and {@code --roster}, shared by {@code plan}, {@code
 * reconcile} and {@code adopt} (a picocli mixin).
 */
final class RunScope {
  @Mixin UserScope users;

  @Option(
      names = "--roster",
      paramLabel = "FILE",
      description = "Use this roster file instead of the committed one.")
  Path roster;

  Optional<String> user() {
    return users.user();
  }

  Optional<Path> roster() {
    return Optional.ofNullable(roster);
  }
}
