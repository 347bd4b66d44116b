package dev.workstation.git;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A clone as its files describe it, read without JGit (as the user, or by root through the guarded
 * home reader): the checked-out branch and its upstream, each remote's single plain URL ({@link
 * RemoteUrl}: http(s) or a local repository), and the refs. Only the plain shape every clone we
 * make has: a remote fetched with exactly the default refspec and nothing else configured for it
 * but its URLs and prune, no URL rewriting, HTTP settings, includes or repository extensions, the
 * branch's upstream one of those remotes. Anything else is {@link Optional#empty()}, and callers
 * take the full JGit path, which understands all of git.
 */
public record CloneView(
    RefFiles refs,
    String branch,
    String upstreamRemote,
    String upstreamBranch,
    Map<String, URI> remotes) {

  private static final Set<String> UNSUPPORTED_SECTIONS = Set.of("url", "http", "extensions");
  private static final Set<String> PLAIN_REMOTE_KEYS =
      Set.of("url", "fetch", "pushurl", "push", "prune");

  /** The clone behind {@code git}, if it has the plain shape; empty otherwise. */
  public static Optional<CloneView> read(GitDirSource git) throws IOException {
    Optional<byte[]> configBytes = git.read("config", GitConfigFile.MAX_BYTES);
    if (configBytes.isEmpty()) {
      return Optional.empty();
    }
    GitConfigFile config =
        GitConfigFile.parse(new String(configBytes.get(), StandardCharsets.UTF_8)).orElse(null);
    if (config == null) {
      return Optional.empty();
    }
    for (String section : config.sections()) {
      if (UNSUPPORTED_SECTIONS.contains(section)) {
        return Optional.empty();
      }
    }
    RefFiles refs = RefFiles.read(git);
    if (refs == null) {
      return Optional.empty();
    }
    String head = refs.symbolic.get("HEAD");
    if (head == null || !head.startsWith("refs/heads/")) {
      return Optional.empty(); // detached: the full path reports it
    }
    String branch = head.substring("refs/heads/".length());
    String upstreamRemote = config.last("branch", branch, "remote");
    String merge = config.last("branch", branch, "merge");
    Set<String> names = config.subsections("remote");
    if (upstreamRemote == null
        || merge == null
        || !merge.startsWith("refs/heads/")
        || !names.contains(upstreamRemote)) {
      return Optional.empty();
    }
    Map<String, URI> remotes = new LinkedHashMap<>();
    for (String remote : names) {
      URI url = plainUrl(config, remote);
      if (url == null) {
        return Optional.empty();
      }
      remotes.put(remote, url);
    }
    return Optional.of(
        new CloneView(
            refs, branch, upstreamRemote, merge.substring("refs/heads/".length()), remotes));
  }

  /** The checked-out branch's commit (null when the branch has no commit yet). */
  public String local() {
    return refs.ids.get("refs/heads/" + branch);
  }

  /** The upstream's remote-tracking commit as the clone last fetched it (null if none). */
  public String upstream() {
    return refs.ids.get("refs/remotes/" + upstreamRemote + "/" + upstreamBranch);
  }

  /** Every ref id of the clone (remote-tracking refs and tags included), by full name. */
  public Map<String, String> ids() {
    return java.util.Collections.unmodifiableMap(refs.ids);
  }

  /**
   * True when fetching {@code remote} with prune would change no ref, given what the remote
   * advertises ({@code advertised}: full ref name → id): every advertised branch is already its
   * remote-tracking ref, every remote-tracking ref is still advertised, and every advertised tag is
   * already here with the same id (a fetch could otherwise add it).
   */
  public boolean matches(String remote, Map<String, String> advertised) {
    return RefProbe.matchesAdvertisement(refs, remote, advertised);
  }

  /**
   * The remote's single plain URL ({@link RemoteUrl}: http(s), or a local repository), when it is
   * fetched with exactly the default refspec; else null.
   */
  private static URI plainUrl(GitConfigFile config, String remote) {
    List<String> urls = config.values("remote", remote, "url");
    if (urls.size() != 1
        || !config
            .values("remote", remote, "fetch")
            .equals(List.of("+refs/heads/*:refs/remotes/" + remote + "/*"))
        || !PLAIN_REMOTE_KEYS.containsAll(config.names("remote", remote))) {
      return null; // tagOpt, proxy, mirror, several URLs …
    }
    return RemoteUrl.plain(urls.get(0)).orElse(null);
  }
}
