package dev.workstation.git;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Proves a clone up to date the way every fetch begins, without opening it with JGit: one
 * smart-HTTP ref advertisement per remote ({@code GET info/refs?service=git-upload-pack}), compared
 * with the clone's remote-tracking refs and tags, and the checked-out branch equal to its upstream.
 * When that holds a fetch with prune would change nothing and there is nothing to fast-forward, so
 * the answer is {@code up-to-date} for one request per remote — most of an hourly freshen, and all
 * of a typical session start.
 *
 * <p>It only ever says "up to date" or "timed out". Whatever it does not fully understand — a
 * non-HTTP remote, a refspec other than the default, tag options, an include, URL rewriting or HTTP
 * settings in the config, reftable, a linked worktree, a lock file, a detached or unborn branch, a
 * local branch that differs from its upstream, any response but a smart advertisement — is {@link
 * Verdict#UNPROVEN}, and the caller runs the full JGit fetch. It reads, never writes.
 */
public final class RefProbe {
  /** What the probe could establish. */
  public enum Verdict {
    UP_TO_DATE,
    TIMED_OUT,
    UNPROVEN
  }

  private static final Set<String> UNSUPPORTED_SECTIONS = Set.of("url", "http", "extensions");
  private static final Set<String> PLAIN_REMOTE_KEYS =
      Set.of("url", "fetch", "pushurl", "push", "prune");

  private RefProbe() {}

  public static Verdict check(Path workTree, Duration timeout, GitCredentials creds) {
    try {
      return probe(workTree, timeout, creds);
    } catch (SocketTimeoutException e) {
      return Verdict.TIMED_OUT;
    } catch (IOException | RuntimeException e) {
      return Verdict.UNPROVEN; // the full fetch will say what is wrong, in its words
    }
  }

  private static Verdict probe(Path workTree, Duration timeout, GitCredentials creds)
      throws IOException {
    Path gitDir = workTree.resolve(".git");
    if (!Files.isDirectory(gitDir, LinkOption.NOFOLLOW_LINKS)) {
      return Verdict.UNPROVEN; // a gitdir file (worktree, submodule) or no repository
    }
    GitConfigFile config = GitConfigFile.read(gitDir.resolve("config")).orElse(null);
    if (config == null) {
      return Verdict.UNPROVEN;
    }
    for (String section : config.sections()) {
      if (UNSUPPORTED_SECTIONS.contains(section)) {
        return Verdict.UNPROVEN;
      }
    }
    RefFiles refs = RefFiles.read(gitDir);
    if (refs == null) {
      return Verdict.UNPROVEN;
    }
    String head = refs.symbolic.get("HEAD");
    if (head == null || !head.startsWith("refs/heads/")) {
      return Verdict.UNPROVEN; // detached: the full path reports it
    }
    String branch = head.substring("refs/heads/".length());
    String upstreamRemote = config.last("branch", branch, "remote");
    String merge = config.last("branch", branch, "merge");
    Set<String> remotes = config.subsections("remote");
    if (upstreamRemote == null
        || merge == null
        || !merge.startsWith("refs/heads/")
        || !remotes.contains(upstreamRemote)) {
      return Verdict.UNPROVEN;
    }
    String local = refs.ids.get(head);
    String upstream =
        refs.ids.get(
            "refs/remotes/" + upstreamRemote + "/" + merge.substring("refs/heads/".length()));
    if (local == null || !local.equals(upstream)) {
      return Verdict.UNPROVEN; // something to fast-forward, or local commits: the full path decides
    }
    for (String remote : remotes) {
      URI url = plainHttpUrl(config, remote);
      if (url == null
          || !matchesAdvertisement(refs, remote, RefAdvertisement.fetch(url, timeout, creds))) {
        return Verdict.UNPROVEN;
      }
    }
    return Verdict.UP_TO_DATE;
  }

  /**
   * The remote's single http(s) URL, when it is fetched with exactly the default refspec; else
   * null.
   */
  private static URI plainHttpUrl(GitConfigFile config, String remote) {
    List<String> urls = config.values("remote", remote, "url");
    if (urls.size() != 1
        || !config
            .values("remote", remote, "fetch")
            .equals(List.of("+refs/heads/*:refs/remotes/" + remote + "/*"))
        || !PLAIN_REMOTE_KEYS.containsAll(config.names("remote", remote))) {
      return null; // tagOpt, proxy, mirror, several URLs …
    }
    try {
      URI uri = new URI(urls.get(0));
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean plain =
          (scheme.equals("http") || scheme.equals("https"))
              && uri.getRawUserInfo() == null
              && uri.getRawQuery() == null
              && uri.getRawFragment() == null
              && uri.getHost() != null;
      return plain ? uri : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /**
   * True when fetching {@code remote} with prune would change no ref: every advertised branch is
   * already its remote-tracking ref, every remote-tracking ref is still advertised, and every
   * advertised tag is already here with the same id (a fetch could otherwise add it).
   */
  static boolean matchesAdvertisement(
      RefFiles refs, String remote, Map<String, String> advertised) {
    String tracking = "refs/remotes/" + remote + "/";
    for (Map.Entry<String, String> e : advertised.entrySet()) {
      String name = e.getKey();
      if (name.startsWith("refs/heads/")) {
        if (!e.getValue().equals(refs.ids.get(tracking + name.substring("refs/heads/".length())))) {
          return false;
        }
      } else if (name.startsWith("refs/tags/") && !e.getValue().equals(refs.ids.get(name))) {
        return false;
      }
    }
    for (String name : refs.ids.keySet()) {
      if (name.startsWith(tracking)
          && !advertised.containsKey("refs/heads/" + name.substring(tracking.length()))) {
        return false; // prune would delete it
      }
    }
    return true;
  }
}
