package dev.workstation.plan;

import dev.workstation.layout.PathKind;
import dev.workstation.roster.AccountSpec;
import dev.workstation.roster.CodeLayout;
import dev.workstation.roster.Tier;
import dev.workstation.site.SiteConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ~/code} for non-admins: the layout (migration single → workspace, hoisting) and the clones
 * (locked infra, canonical remote, roster repos). Existing targets are never replaced — whatever is
 * there, even a symlink, is left alone and reported. The admin's tree is never touched.
 */
public final class CodePlanner {
  private CodePlanner() {}

  public static Plan plan(Desired desired, Observed observed, Scope scope) {
    SiteConfig site = desired.site();
    List<AccountSpec> users = observed.observable(scope.users());
    List<Action> actions = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    if (site.infra().isEmpty()) {
      if (users.stream().anyMatch(u -> u.tier() != Tier.ADMIN)) {
        notes.add(Note.info("-", "no infra: section in the site config; no clones are made"));
      }
      return new Plan(actions, notes);
    }
    SiteConfig.Infra infra = site.infra().get();
    for (AccountSpec u : users) {
      if (u.tier() == Tier.ADMIN) {
        continue; // the admin's own, unlocked tree is theirs alone
      }
      new UserCode(
              u,
              observed.home(u.osUser()),
              observed.afterAccount(u.osUser()),
              infra,
              site.repos(),
              actions,
              notes)
          .plan();
    }
    return new Plan(actions, notes);
  }

  /** The plan for one user's ~/code. */
  private record UserCode(
      AccountSpec u,
      CodeFacts f,
      List<ActionKey> deps,
      SiteConfig.Infra infra,
      java.util.Optional<SiteConfig.Repos> repos,
      List<Action> actions,
      List<Note> notes) {

    void plan() {
      String user = u.osUser();
      boolean workspace = u.codeLayout() == CodeLayout.WORKSPACE;
      boolean migrate = f.migrationJournal() || (workspace && f.code().kind() == PathKind.CLONE);
      if (migrate) {
        actions.add(new MigrateLayout(user, f.migrationJournal()));
      }
      if (!workspace) {
        single();
        return;
      }
      PathKind codeKind = migrate ? PathKind.DIR : f.code().kind();
      if (codeKind != PathKind.DIR && codeKind != PathKind.ABSENT) {
        notes.add(
            Note.warn(
                user,
                "~/code is a " + codeKind.word() + ", not a directory; nothing is written there"));
        return;
      }
      List<ActionKey> after = new ArrayList<>(deps);
      if (migrate) {
        after.add(ActionKey.migrateLayout(user));
        if (!f.migrationJournal()) {
          wireIfNeeded("code/infra", f.code(), after);
        }
      } else {
        infraAt("code/infra", f.infra());
      }
      reposInWorkspace(migrate, after);
    }

    void single() {
      String user = u.osUser();
      switch (f.code().kind()) {
        case ABSENT -> infraAt("code", f.code());
        case CLONE -> wireIfNeeded("code", f.code(), deps);
        case DIR ->
            notes.add(
                Note.warn(
                    user,
                    f.infra().kind() == PathKind.CLONE
                        ? "code_layout is single but ~/code is a workspace; a reverse flip is not performed (see docs/runbooks/migrate-layout.md)"
                        : "~/code is a plain directory, not a clone; left alone"));
        default ->
            notes.add(
                Note.warn(
                    user,
                    "~/code is a "
                        + f.code().kind().word()
                        + ", not a directory; nothing is written there"));
      }
    }

    void infraAt(String target, CodeFacts.PathFacts at) {
      switch (at.kind()) {
        case ABSENT -> {
          CloneInfra clone =
              new CloneInfra(
                  u.osUser(),
                  target,
                  infra.cloneUrl(),
                  infra.branch(),
                  infra.cloneCredentials() == SiteConfig.CloneCredentials.USER,
                  deps);
          actions.add(clone);
          List<ActionKey> afterClone = new ArrayList<>(deps);
          afterClone.add(clone.key());
          wireIfNeeded(target, CodeFacts.PathFacts.absent(), afterClone);
        }
        case CLONE -> wireIfNeeded(target, at, deps);
        default ->
            notes.add(
                Note.warn(
                    u.osUser(),
                    "~/" + target + " is a " + at.kind().word() + ", not a clone; left alone"));
      }
    }

    void wireIfNeeded(String target, CodeFacts.PathFacts at, List<ActionKey> dependsOn) {
      if (infra.pushUrl().isEmpty()) {
        return;
      }
      String remote = infra.pushRemote();
      boolean wired =
          at.remotes().containsKey(remote) && at.tracking().map(remote::equals).orElse(false);
      if (!wired) {
        actions.add(
            new WireRemote(
                u.osUser(), target, remote, infra.pushUrl().get(), infra.branch(), dependsOn));
      }
    }

    void reposInWorkspace(boolean migrate, List<ActionKey> after) {
      if (u.repos().isEmpty()) {
        return;
      }
      if (repos.isEmpty()) {
        notes.add(
            Note.warn(
                u.osUser(),
                "roster repos listed but no repos: section in the site config; not cloned"));
        return;
      }
      for (String name : u.repos()) {
        PathKind kind = migrate ? PathKind.ABSENT : f.repos().getOrDefault(name, PathKind.ABSENT);
        if (kind == PathKind.ABSENT) {
          if (Boolean.TRUE.equals(f.nested().get(name))) {
            actions.add(new HoistRepo(u.osUser(), name, after));
          } else {
            actions.add(
                new CloneRepo(
                    u.osUser(),
                    name,
                    repos.get().baseUrl() + "/" + name + ".git",
                    infra.pushRemote(),
                    null,
                    after));
          }
        } else if (kind != PathKind.CLONE && kind != PathKind.DIR) {
          notes.add(
              Note.warn(u.osUser(), "~/code/" + name + " is a " + kind.word() + "; left alone"));
        }
      }
    }
  }
}
