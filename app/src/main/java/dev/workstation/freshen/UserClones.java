package dev.workstation.freshen;

import dev.workstation.git.CloneView;
import dev.workstation.git.GitCredentials;
import dev.workstation.git.GitDirSource;
import dev.workstation.git.RemoteUrl;
import dev.workstation.host.HomeReader;
import dev.workstation.layout.CodeTree;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One user's clones as root sees them through the guarded {@link HomeReader} — never following a
 * link, only files the user owns, size-capped — with the user's own git credentials: what the
 * mirrored freshen needs to decide, without a process in the home, which clones are up to date.
 * Read only when every clone has the plain shape ({@link CloneView}) and fetches only remotes the
 * site gives ({@code mirrored}: served ones root mirrors, and local ones), not both kinds in one
 * clone; anything else is {@link Optional#empty()} and the user is freshened by their own worker,
 * as before.
 */
record UserClones(
    String user, int uid, int gid, Path home, GitCredentials creds, List<Clone> clones) {

  /** A clone, by its path relative to the home ({@code code} or {@code code/<name>}). */
  record Clone(String rel, CloneView view) {}

  static final int MAX_CREDENTIALS_BYTES = 64 << 10;

  static Optional<UserClones> read(String user, int uid, int gid, Path home, Set<URI> mirrored) {
    return read(user, uid, gid, home, mirrored, creds -> {});
  }

  /**
   * {@link #read(String, int, int, Path, Set)}, telling {@code early} the user's credentials as
   * soon as they are read, before the clones: the caller can ask the remotes meanwhile.
   */
  static Optional<UserClones> read(
      String user,
      int uid,
      int gid,
      Path home,
      Set<URI> mirrored,
      java.util.function.Consumer<GitCredentials> early) {
    try (HomeReader r = HomeReader.open(home, uid)) {
      GitCredentials creds =
          r.read(".git-credentials", MAX_CREDENTIALS_BYTES)
              .map(b -> GitCredentials.parse(new String(b, StandardCharsets.UTF_8)))
              .orElse(GitCredentials.none());
      early.accept(creds);
      List<String> rels = clonePaths(r);
      if (rels == null) {
        return Optional.empty();
      }
      List<Clone> clones = new ArrayList<>();
      for (String rel : rels) {
        Optional<CloneView> view = CloneView.read(GitDirSource.inHome(r, rel + "/.git"));
        if (view.isEmpty()
            || !mirrored.containsAll(view.get().remotes().values())
            || view.get().remotes().values().stream().map(RemoteUrl::isLocal).distinct().count()
                > 1) {
          return Optional.empty(); // a remote the site does not give, or local and served mixed
        }
        clones.add(new Clone(rel, view.get()));
      }
      return Optional.of(new UserClones(user, uid, gid, home, creds, List.copyOf(clones)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // refused or unreadable: the user's own worker looks, as the user
    }
  }

  /**
   * The clones {@link CodeTree#clones} would find, seen through the guarded reader; null when the
   * layout is anything but {@code ~/code} as a clone or a directory of clones (mid-migration, a
   * symlink, …).
   */
  private static List<String> clonePaths(HomeReader r) throws IOException {
    if (r.list("").map(m -> m.containsKey(CodeTree.MIGRATE_TMP)).orElse(false)) {
      return null;
    }
    Optional<Map<String, Boolean>> code = r.list("code");
    if (code.isEmpty()) {
      return List.of();
    }
    if (Boolean.TRUE.equals(code.get().get(".git"))) {
      return List.of("code");
    }
    List<String> out = new ArrayList<>();
    for (String name : code.get().keySet().stream().sorted().toList()) {
      if (name.startsWith(".") || !Boolean.TRUE.equals(code.get().get(name))) {
        continue;
      }
      Optional<Map<String, Boolean>> entries = r.list("code/" + name);
      if (entries.isPresent() && entries.get().containsKey(".git")) {
        if (!Boolean.TRUE.equals(entries.get().get(".git"))) {
          return null; // a .git file (worktree, submodule): the worker decides
        }
        out.add("code/" + name);
      }
    }
    return out;
  }
}
