package dev.workstation.cli;

import picocli.CommandLine.Command;

/** {@code workstation roster …}: lint, derive and edit a roster file. */
@Command(
    name = "roster",
    mixinStandardHelpOptions = true,
    description = "Validate, derive and edit roster.yaml.",
    subcommands = {
      RosterValidateCommand.class,
      RosterDeriveCommand.class,
      RosterAddCommand.class,
      RosterRemoveCommand.class
    })
final class RosterCommand {}
