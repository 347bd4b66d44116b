package dev.workstation.cli;

import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.RosterEdits.NewRow;
import dev.workstation.roster.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The flags of a new roster row, shared by {@code onboard} and {@code roster add} (a picocli
 * mixin), and their turning into a row. {@code --tier} and {@code --layout} are typed: a value
 * outside the set is invalid input naming the flag ({@link Candidates}).
 */
final class CliRows {
  @Option(
      names = "--tier",
      required = true,
      paramLabel = "T",
      completionCandidates = Candidates.Tiers.class,
      converter = Candidates.Tiers.class,
      description = "admin, power-user or namespace-owner.")
  Tier tier;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description = "A namespace (namespace-owner; repeat).")
  List<String> namespaces = new ArrayList<>();

  @Option(
      names = "--layout",
      paramLabel = "L",
      completionCandidates = Candidates.Layouts.class,
      converter = Candidates.Layouts.class,
      description = "single (default) or workspace.")
  CodeLayout layout;

  @Option(
      names = "--repo",
      paramLabel = "R",
      description = "A repo to clone into ~/code (workspace; repeat).")
  List<String> repos = new ArrayList<>();

  @Option(
      names = "--authentik-user",
      paramLabel = "A",
      required = true,
      description = "SSO (Authentik) user name.")
  String authentikUser;

  @Option(
      names = "--k8s-user",
      paramLabel = "K",
      required = true,
      description = "Kubernetes user name.")
  String k8sUser;

  @Option(names = "--git-name", paramLabel = "NAME", description = "git user.name for the account.")
  String gitName;

  @Option(
      names = "--git-email",
      paramLabel = "EMAIL",
      description = "git user.email for the account.")
  String gitEmail;

  @Option(
      names = "--forgejo-user",
      paramLabel = "LOGIN",
      description = "Forgejo login, if not the os_user.")
  String forgejoUser;

  /** The row for {@code user}. */
  NewRow newRow(String user, boolean parked) {
    Optional<CodeLayout> l = Optional.ofNullable(layout);
    if (!repos.isEmpty() && l.isEmpty()) {
      l = Optional.of(CodeLayout.WORKSPACE); // --repo only makes sense in a workspace
    }
    return new NewRow(
        user,
        authentikUser,
        k8sUser,
        tier,
        namespaces,
        l,
        repos,
        parked,
        Optional.ofNullable(gitName),
        Optional.ofNullable(gitEmail),
        Optional.ofNullable(forgejoUser));
  }
}
