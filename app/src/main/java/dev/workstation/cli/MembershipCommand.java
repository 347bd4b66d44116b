package dev.workstation.cli;

import picocli.CommandLine.Command;

/** {@code workstation membership …}: who has access, from the identity provider. */
@Command(
    name = "membership",
    mixinStandardHelpOptions = true,
    description = "Make the identity provider's group the list of who has access (SPEC 6.13).",
    subcommands = {MembershipSyncCommand.class})
final class MembershipCommand {}
