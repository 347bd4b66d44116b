package dev.workstation.plan;

import dev.workstation.config.ManagedSettings;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.Tier;
import dev.workstation.site.SiteConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /** The machine-wide files this planner compares against. */
  public static List<Path> files(SiteConfig site, List<AccountSpec> users) {
    List<Path> out = new ArrayList<>(List.of(SKEL_LAUNCHER, SKEL_CLAUDE));
    site.managedSettings().ifPresent(m -> out.add(m.dest()));
    return out;
  }

  /** Machine-wide: /etc/skel and the managed settings (planned before accounts are created). */
  public static Plan planMachine(Desired desired, Observed observed, Scope scope) {
    List<Action> actions = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    Map<String, Optional<String>> in = observed.surface().files();
    desired
        .launcher()
        .ifPresent(
            content -> {
              write(
                  actions,
                  in,
                  SKEL_LAUNCHER,
                  content,
                  "rwxr-xr-x",
                  "launcher for accounts created later");
              write(
                  actions,
                  in,
                  SKEL_CLAUDE,
                  SKEL_CLAUDE_TEXT,
                  "rw-r--r--",
                  ".claude skeleton for accounts created later");
            });
    managedSettings(actions, notes, desired, in);
    return new Plan(actions, notes);
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

  private static void managedSettings(
      List<Action> actions, List<Note> notes, Desired desired, Map<String, Optional<String>> in) {
    SiteConfig site = desired.site();
    if (site.managedSettings().isEmpty() || desired.managedSettings().isEmpty()) {
      return;
    }
    byte[] content = desired.managedSettings().get();
    Optional<String> refusal = ManagedSettings.refusal(desired.managedSettingsName(), content);
    if (refusal.isPresent()) {
      notes.add(
          Note.keptBack(
              Note.KeptBack.MANAGED_SETTINGS,
              "managed settings refused, installed copy kept: " + refusal.get()));
      return;
    }
    write(
        actions,
        in,
        site.managedSettings().get().dest(),
        new String(content, StandardCharsets.UTF_8),
        "rw-r--r--",
        "managed Claude settings from the committed roster repo");
  }

  private static void write(
      List<Action> actions,
      Map<String, Optional<String>> in,
      Path path,
      String content,
      String mode,
      String why) {
    Optional<String> current = in.getOrDefault(path.toString(), Optional.empty());
    if (current.isEmpty() || !current.get().equals(content)) {
      actions.add(new WriteFile("-", path, content, mode, why));
    }
  }
}
