package dev.workstation.cli;

import dev.workstation.reconcile.Lifecycle;
import dev.workstation.roster.Roster;
import dev.workstation.roster.RosterEdits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workstation onboard USER …}: add the row (audited commit + push), then reconcile that
 * user.
 */
@Command(
    name = "onboard",
    mixinStandardHelpOptions = true,
    description = {
      "Add USER to the committed roster (one audited commit, pushed) and reconcile them now.",
      "Refused if the row exists (exit 3) or over the capacity ceiling (exit 1, unless --force)."
    })
final class OnboardCommand extends LifecycleSupport implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "USER", description = "The os_user (account name) to add.")
  String user;

  @Option(
      names = "--tier",
      required = true,
      paramLabel = "T",
      completionCandidates = Candidates.Tiers.class,
      description = "admin, power-user or namespace-owner.")
  String tier;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description = "A namespace (namespace-owner; repeat).")
  List<String> namespaces = new ArrayList<>();

  @Option(
      names = "--layout",
      paramLabel = "L",
      completionCandidates = Candidates.Layouts.class,
      description = "single (default) or workspace.")
  String layout;

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

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description = "Why (goes into the commit message).")
  String reason;

  @Option(names = "--force", description = "Onboard even over the capacity ceiling.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    return withLifecycle(
        (lifecycle, site) -> {
          RosterEdits.NewRow row =
              CliRows.newRow(
                  "command line",
                  user,
                  tier,
                  namespaces,
                  layout,
                  repos,
                  authentikUser,
                  k8sUser,
                  false,
                  gitName,
                  gitEmail,
                  forgejoUser);
          Roster roster = lifecycle.committed();
          if (roster.user(user).isPresent()) {
            throw new dev.workstation.input.InvalidInputException(
                dev.workstation.input.Problem.whole(
                    "roster", "users." + user, "already has a live row; nothing was changed"));
          }
          refuseOverCapacity(
              lifecycle.capacityViolations((int) Lifecycle.active(roster) + 1), force);
          String file = site.roster().orElseThrow().path();
          return report(
              lifecycle.change(
                  "roster: onboard " + user + " (" + tier + ")",
                  reason,
                  text -> RosterEdits.addUser(file, text, row),
                  Optional.of(user),
                  () -> {},
                  this::logLine));
        });
  }
}
