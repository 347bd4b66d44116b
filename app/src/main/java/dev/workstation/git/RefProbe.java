package dev.workstation.git;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

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

  /**
   * What {@code repo} shows to {@code creds}' owner: its branches and tags (full name → id), from
   * one smart-HTTP ref advertisement over the pooled connection. An {@link IOException} when the
   * server refuses (its message says "not authorized" for 401/403), a {@link
   * SocketTimeoutException} when it does not answer in time.
   */
  public static Map<String, String> branchesAndTags(
      URI repo, GitCredentials creds, Duration timeout) throws IOException {
    Map<String, String> out = new java.util.TreeMap<>();
    RefAdvertisement.fetch(repo, timeout, creds)
        .forEach(
            (name, id) -> {
              if (name.startsWith("refs/heads/") || name.startsWith("refs/tags/")) {
                out.put(name, id);
              }
            });
    return out;
  }

  private static Verdict probe(Path workTree, Duration timeout, GitCredentials creds)
      throws IOException {
    Path gitDir = workTree.resolve(".git");
    if (!Files.isDirectory(gitDir, LinkOption.NOFOLLOW_LINKS)) {
      return Verdict.UNPROVEN; // a gitdir file (worktree, submodule) or no repository
    }
    CloneView clone = CloneView.read(GitDirSource.of(gitDir)).orElse(null);
    if (clone == null || clone.local() == null || !clone.local().equals(clone.upstream())) {
      return Verdict.UNPROVEN; // something to fast-forward, or local commits: the full path decides
    }
    for (Map.Entry<String, URI> remote : clone.remotes().entrySet()) {
      if (RemoteUrl.isLocal(remote.getValue())) {
        return Verdict.UNPROVEN; // no advertisement to ask: the fetch itself reads the repository
      }
      if (!clone.matches(
          remote.getKey(), RefAdvertisement.fetch(remote.getValue(), timeout, creds))) {
        return Verdict.UNPROVEN;
      }
    }
    return Verdict.UP_TO_DATE;
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
