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
  static final String SCRIPT =
      """
      for u; do
        printf '#%s\\n' "$u"
        g ls-remote --heads --tags -- "$u" 2>/dev/null || printf '!\\n'
      done
      """;

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
    ProcessRunner.Result r;
    try {
      r = git.script(home, null, SCRIPT, paths, paths);
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
