package dev.workstation.cli;

import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.RosterEdits.NewRow;
import dev.workstation.roster.Tier;
import java.util.List;
import java.util.Optional;

/** Turns command-line flags into a roster row; bad flags are invalid input naming the flag. */
final class CliRows {
  private CliRows() {}

  static NewRow newRow(
      String file,
      String user,
      String tier,
      List<String> namespaces,
      String layout,
      List<String> repos,
      String authentikUser,
      String k8sUser,
      boolean parked,
      String gitName,
      String gitEmail,
      String forgejoUser) {
    Tier t =
        Tier.parse(tier)
            .orElseThrow(
                () -> flag("--tier", "'" + tier + "' is not a tier; use one of " + Tier.choices()));
    Optional<CodeLayout> l =
        layout == null
            ? Optional.empty()
            : Optional.of(
                CodeLayout.parse(layout)
                    .orElseThrow(
                        () ->
                            flag(
                                "--layout",
                                "'" + layout + "' is not a layout; use single or workspace")));
    if (!repos.isEmpty() && l.isEmpty()) {
      l = Optional.of(CodeLayout.WORKSPACE); // --repo only makes sense in a workspace
    }
    return new NewRow(
        user,
        authentikUser,
        k8sUser,
        t,
        namespaces,
        l,
        repos,
        parked,
        Optional.ofNullable(gitName),
        Optional.ofNullable(gitEmail),
        Optional.ofNullable(forgejoUser));
  }

  private static InvalidInputException flag(String flag, String message) {
    return new InvalidInputException(Problem.whole("command line", flag, message));
  }
}
