package dev.workstation.cli;

import dev.workstation.roster.RosterEdits;
import dev.workstation.roster.RosterEdits.NewRow;
import dev.workstation.util.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workstation roster add USER …--file F}: append a row, every other byte kept. */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = {
      "Append a user row at the end of the users: block of a roster file.",
      "Every other byte of the file is kept; refused (exit 3, file untouched) if USER has a live row"
          + " or the result would be invalid."
    })
final class RosterAddCommand extends Subcommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "USER", description = "The os_user (account name).")
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
      description = "SSO user name.")
  String authentikUser;

  @Option(
      names = "--k8s-user",
      paramLabel = "K",
      required = true,
      description = "Kubernetes user name.")
  String k8sUser;

  @Option(names = "--git-name", description = "git user.name for the account.")
  String gitName;

  @Option(names = "--git-email", description = "git user.email for the account.")
  String gitEmail;

  @Option(names = "--forgejo-user", description = "Forgejo login, if not the os_user.")
  String forgejoUser;

  @Option(names = "--parked", description = "Add the row parked.")
  boolean parked;

  @Option(
      names = "--file",
      paramLabel = "F",
      required = true,
      description = "The roster file to edit.")
  Path file;

  @Override
  public Integer call() throws Exception {
    NewRow row =
        CliRows.newRow(
            file.toString(),
            user,
            tier,
            namespaces,
            layout,
            repos,
            authentikUser,
            k8sUser,
            parked,
            gitName,
            gitEmail,
            forgejoUser);
    String before = new String(readInput(file), java.nio.charset.StandardCharsets.UTF_8);
    String after = RosterEdits.addUser(file.toString(), before, row);
    AtomicFiles.replace(file, after);
    out().println(file + ": added " + user);
    return ExitCodes.OK;
  }
}
