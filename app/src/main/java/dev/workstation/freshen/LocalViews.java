package dev.workstation.freshen;

import dev.workstation.host.CommandFailedException;
import dev.workstation.host.ProcessRunner;
import dev.workstation.worker.UserGit;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the site's local repositories ({@code file:///path}) show one user, asked by the user's own
 * git ({@code git ls-remote}, the advertisement a fetch begins with): no server guards a local
 * repository, so only the user's own permissions may decide whether they see it, and root never
 * reads it for them.
 */
final class LocalViews {
  /** {@code $1}: the upload-pack command ({@link #uploadPack}); {@code $2…}: the repositories. */
  static final String SCRIPT =
      """
      up=$1; shift
      for u; do
        printf '#%s\\n' "$u"
        g ls-remote --upload-pack="$up" --heads --tags -- "$u" 2>/dev/null || printf '!\\n'
      done
      """;

  /**
   * The {@code git upload-pack} a user's git starts to read the site's local repositories, trusting
   * exactly those ({@code safe.directory}: they belong to someone else, and git refuses another
   * owner's repository otherwise). It has to be on upload-pack's own command line: git gives the
   * process it starts for a local repository none of its own configuration, and the user's git
   * reads no system or global file here. The paths are plain ({@code git.RemoteUrl}: no space,
   * quote or shell character), so the shell git runs this with reads them as written.
   */
  static String uploadPack(List<String> paths) {
    StringBuilder b = new StringBuilder("git");
    for (String p : paths) {
      if (!p.matches("[A-Za-z0-9._/+-]+")) {
        throw new IllegalArgumentException("not a plain path: " + p);
      }
      b.append(" -c safe.directory=").append(p);
    }
    return b.append(" upload-pack").toString();
  }

  /**
   * Each user's last answer for each local repository, with the repository's {@link RepoStamp} and
   * the user's groups when it was asked. Asked again whenever either differs: a ref that moved, a
   * permission on the way, a group joined or left. Reusing an answer can never give the user
   * anything (their own git fetches a local repository, under their own permissions); it saves a
   * session start a process per repository when nothing changed.
   */
  private record Seen(String stamp, RemoteViews.View view) {}

  private static final Map<String, Seen> LAST = new java.util.concurrent.ConcurrentHashMap<>();

  private LocalViews() {}

  /**
   * {@code url} as the user ({@code uid}, in {@code groups}) sees it: their last answer, or a new
   * one.
   */
  static RemoteViews.View view(
      UserGit git, Path home, URI url, int uid, java.util.List<String> groups) {
    String key = uid + " " + url;
    java.util.Optional<String> stamp =
        RepoStamp.of(Path.of(url.getPath())).map(s -> s + "groups " + groups + "\n");
    Seen last = LAST.get(key);
    if (stamp.isPresent() && last != null && last.stamp().equals(stamp.get())) {
      return last.view();
    }
    RemoteViews.View v = ask(git, home, List.of(url)).get(url);
    if (stamp.isPresent() && !"timed-out".equals(v.failure())) {
      LAST.put(key, new Seen(stamp.get(), v));
    } else {
      LAST.remove(key);
    }
    return v;
  }

  /** Each of {@code urls} as the user sees it (run in {@code home}). */
  static Map<URI, RemoteViews.View> ask(UserGit git, Path home, List<URI> urls) {
    Map<URI, RemoteViews.View> out = new LinkedHashMap<>();
    List<String> paths = urls.stream().map(URI::getPath).toList();
    List<String> args = new java.util.ArrayList<>();
    args.add(uploadPack(paths));
    args.addAll(paths);
    ProcessRunner.Result r;
    try {
      r = git.script(home, null, SCRIPT, args);
    } catch (CommandFailedException e) {
      String why = String.valueOf(e.getMessage()).contains("timed out") ? "timed-out" : "ls-remote";
      urls.forEach(u -> out.put(u, RemoteViews.View.failed(why)));
      return out;
    }
    Map<String, Map<String, String>> refs = new LinkedHashMap<>();
    String path = null;
    for (String line : r.stdout().split("\n")) {
      if (line.startsWith("#")) {
        path = line.substring(1);
        refs.put(path, new TreeMap<>());
      } else if (line.equals("!") && path != null) {
        refs.remove(path); // the user's git could not read it
        path = null;
      } else if (path != null && line.length() > 41 && line.charAt(40) == '\t') {
        String id = line.substring(0, 40);
        String name = line.substring(41);
        if (id.matches("[0-9a-f]{40}")
            && !name.endsWith("^{}")
            && (name.startsWith("refs/heads/") || name.startsWith("refs/tags/"))) {
          refs.get(path).put(name, id);
        }
      }
    }
    for (URI u : urls) {
      Map<String, String> seen = refs.get(u.getPath());
      out.put(
          u,
          seen == null
              ? RemoteViews.View.failed("not readable")
              : new RemoteViews.View(Map.copyOf(seen), null));
    }
    return out;
  }
}
