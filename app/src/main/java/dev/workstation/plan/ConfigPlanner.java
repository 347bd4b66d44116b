package dev.workstation.plan;

import dev.workstation.config.ManagedSettings;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.Tier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Config inheritance and the managed layer: each non-admin's links into the Config base, their
 * session launcher, {@code /etc/skel}, and the machine-wide managed settings.
 */
public final class ConfigPlanner {
  public static final Path SKEL_LAUNCHER = Path.of("/etc/skel/start-claude.sh");
  public static final Path SKEL_CLAUDE = Path.of("/etc/skel/.claude/README.workstation");
  static final String SKEL_CLAUDE_TEXT =
      "Claude Code config. Shared skills, rules, agents, commands, hooks and CLAUDE.md are linked here\n"
          + "from the Config base by workstation; add your own beside them.\n";

  private ConfigPlanner() {}

  /**
   * Machine-wide: {@code /etc/skel}'s launcher and {@code .claude} skeleton, and the managed
   * settings — written before any account is created, so a new account starts from them.
   */
  public static List<RootFile> machineFiles(Desired desired, Scope scope, Uids uids) {
    boolean launcher = desired.launcher().isPresent();
    List<RootFile> out = new ArrayList<>();
    out.add(
        RootFile.exact(
            Owner.BEFORE_USERS,
            SKEL_LAUNCHER,
            "rwxr-xr-x",
            launcher,
            desired.launcher().orElse(""),
            "launcher for accounts created later"));
    out.add(
        RootFile.exact(
            Owner.BEFORE_USERS,
            SKEL_CLAUDE,
            "rw-r--r--",
            launcher,
            SKEL_CLAUDE_TEXT,
            ".claude skeleton for accounts created later"));
    desired
        .site()
        .managedSettings()
        .ifPresent(
            m ->
                out.add(
                    RootFile.exact(
                        Owner.BEFORE_USERS,
                        m.dest(),
                        "rw-r--r--",
                        desired.managedSettings().isPresent() && refusal(desired).isEmpty(),
                        desired.managedSettings().map(ConfigPlanner::text).orElse(""),
                        "managed Claude settings from the committed roster repo")));
    return out;
  }

  /** Machine-wide: why committed managed settings are not installed, when they are refused. */
  public static Plan refusals(Desired desired, Observed observed, Scope scope) {
    List<Note> notes = new ArrayList<>();
    if (desired.site().managedSettings().isPresent()) {
      refusal(desired)
          .ifPresent(
              r ->
                  notes.add(
                      Note.keptBack(
                          Note.KeptBack.MANAGED_SETTINGS,
                          "managed settings refused, installed copy kept: " + r)));
    }
    return new Plan(List.of(), notes);
  }

  private static Optional<String> refusal(Desired desired) {
    return desired
        .managedSettings()
        .flatMap(c -> ManagedSettings.refusal(desired.managedSettingsName(), c));
  }

  private static String text(byte[] content) {
    return new String(content, StandardCharsets.UTF_8);
  }

  /** Per user: links into the Config base and the launcher (planned after accounts). */
  public static Plan planUsers(Desired desired, Observed observed, Scope scope) {
    List<Action> actions = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    for (AccountSpec u : observed.observable(scope.users())) {
      if (u.tier() == Tier.ADMIN) {
        continue; // the admin's ~/.claude is the base itself
      }
      CodeFacts f = observed.home(u.osUser());
      List<ActionKey> deps = observed.afterAccount(u.osUser());
      desired
          .site()
          .configBase()
          .ifPresent(
              base -> {
                // a base the user cannot follow is planned too: the action fails, with the
                // reason and the remedy, until it is fixed (never "Nothing to do")
                if (!f.linkChanges().isEmpty() || !f.linkUnreachable().isEmpty()) {
                  actions.add(
                      new LinkConfig(
                          u.osUser(),
                          base.dir().toString(),
                          base.kinds(),
                          desired.linkStrategy(),
                          f.linkChanges(),
                          f.linkUnreachable(),
                          deps));
                }
                f.linkBlocked().forEach(b -> notes.add(Note.info(u.osUser(), b)));
              });
      desired
          .launcher()
          .ifPresent(
              content -> {
                switch (f.launcher()) {
                  case ABSENT, STALE ->
                      actions.add(new DeployLauncher(u.osUser(), content, f.launcher(), deps));
                  case FOREIGN ->
                      notes.add(
                          Note.info(
                              u.osUser(),
                              "~/start-claude.sh is your own (no workstation marker); left alone"));
                  default -> {}
                }
              });
    }
    return new Plan(actions, notes);
  }
}
