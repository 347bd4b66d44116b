package dev.workstation.git;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Proves a clone up to date the way every fetch begins, without opening it with JGit: one
 * smart-HTTP ref advertisement per remote ({@code GET info/refs?service=git-upload-pack}),
 * compared with the clone's remote-tracking refs and tags, and the checked-out branch equal to
 * its upstream. When that holds a fetch with prune would change nothing and there is nothing to
 * fast-forward, so the answer is {@code up-to-date} for one request per remote — most of an
 * hourly freshen, and all of a typical session start.
 *
 * <p>It only ever says "up to date" or "timed out". Whatever it does not fully understand — a
 * non-HTTP remote, a refspec other than the default, tag options, an include, URL rewriting or
 * HTTP settings in the config, reftable, a linked worktree, a lock file, a detached or unborn
 * branch, a local branch that differs from its upstream, any response but a smart advertisement
 * — is {@link Verdict#UNPROVEN}, and the caller runs the full JGit fetch. It reads, never writes.
 */
public final class RefProbe {
  /** What the probe could establish. */
  public enum Verdict {
    UP_TO_DATE,
    TIMED_OUT,
    UNPROVEN
  }

  static final int MAX_ADVERTISEMENT_BYTES = 32 << 20;
  private static final Set<String> UNSUPPORTED_SECTIONS = Set.of("url", "http", "extensions");
  private static final Set<String> PLAIN_REMOTE_KEYS = Set.of("url", "fetch", "pushurl", "push", "prune");

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

  private static Verdict probe(Path workTree, Duration timeout, GitCredentials creds) throws IOException {
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
    Refs refs = Refs.read(gitDir);
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
    if (upstreamRemote == null || merge == null || !merge.startsWith("refs/heads/") || !remotes.contains(upstreamRemote)) {
      return Verdict.UNPROVEN;
    }
    String local = refs.ids.get(head);
    String upstream = refs.ids.get("refs/remotes/" + upstreamRemote + "/" + merge.substring("refs/heads/".length()));
    if (local == null || !local.equals(upstream)) {
      return Verdict.UNPROVEN; // something to fast-forward, or local commits: the full path decides
    }
    for (String remote : remotes) {
      URI url = plainHttpUrl(config, remote);
      if (url == null || !matchesAdvertisement(refs, remote, advertisement(url, timeout, creds))) {
        return Verdict.UNPROVEN;
      }
    }
    return Verdict.UP_TO_DATE;
  }

  /** The remote's single http(s) URL, when it is fetched with exactly the default refspec; else null. */
  private static URI plainHttpUrl(GitConfigFile config, String remote) {
    List<String> urls = config.values("remote", remote, "url");
    if (urls.size() != 1 || !config.values("remote", remote, "fetch").equals(List.of("+refs/heads/*:refs/remotes/" + remote + "/*"))
        || !PLAIN_REMOTE_KEYS.containsAll(config.names("remote", remote))) {
      return null; // tagOpt, proxy, mirror, several URLs …
    }
    try {
      URI uri = new URI(urls.get(0));
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean plain = (scheme.equals("http") || scheme.equals("https")) && uri.getRawUserInfo() == null
          && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getHost() != null;
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
  static boolean matchesAdvertisement(Refs refs, String remote, Map<String, String> advertised) {
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
      if (name.startsWith(tracking) && !advertised.containsKey("refs/heads/" + name.substring(tracking.length()))) {
        return false; // prune would delete it
      }
    }
    return true;
  }

  /** The v0 smart-HTTP ref advertisement: ref name → id, peeled {@code ^{}} entries left out. */
  static Map<String, String> advertisement(URI repo, Duration timeout, GitCredentials creds) throws IOException {
    String base = repo.toString().replaceAll("/+$", "");
    HttpURLConnection c = (HttpURLConnection) URI.create(base + "/info/refs?service=git-upload-pack").toURL().openConnection();
    try {
      int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
      c.setConnectTimeout(millis);
      c.setReadTimeout(millis);
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setRequestProperty("User-Agent", "git/2.0 (workstation ref probe)");
      c.setRequestProperty("Accept", "application/x-git-upload-pack-advertisement");
      Optional<GitCredentials.Entry> entry = creds.forHost(repo.getScheme(), repo.getHost(), repo.getPort());
      if (entry.isPresent()) {
        c.setRequestProperty("Authorization", basic(entry.get()));
      }
      String type = c.getContentType();
      if (c.getResponseCode() != 200 || type == null || !type.startsWith("application/x-git-upload-pack-advertisement")) {
        throw new IOException("not a smart-HTTP advertisement");
      }
      try (InputStream in = c.getInputStream()) {
        return parseAdvertisement(in.readNBytes(MAX_ADVERTISEMENT_BYTES + 1));
      }
    } finally {
      c.disconnect();
    }
  }

  private static String basic(GitCredentials.Entry entry) {
    CharBuffer pair = CharBuffer.allocate(entry.user().length() + 1 + entry.secret().length);
    pair.put(entry.user()).put(':').put(entry.secret()).flip();
    var bytes = StandardCharsets.UTF_8.encode(pair);
    byte[] raw = new byte[bytes.remaining()];
    bytes.get(raw);
    java.util.Arrays.fill(pair.array(), '\0');
    String header = "Basic " + Base64.getEncoder().encodeToString(raw);
    java.util.Arrays.fill(raw, (byte) 0);
    return header;
  }

  /** pkt-lines: {@code # service=…}, flush, then {@code <id> <name>[\0caps]} lines, flush. */
  static Map<String, String> parseAdvertisement(byte[] body) throws IOException {
    if (body.length > MAX_ADVERTISEMENT_BYTES) {
      throw new IOException("advertisement too large");
    }
    Map<String, String> refs = new HashMap<>();
    int pos = 0;
    int flushes = 0;
    boolean first = true;
    while (flushes < 2) {
      if (pos + 4 > body.length) {
        throw new IOException("truncated advertisement");
      }
      int len = Integer.parseInt(new String(body, pos, 4, StandardCharsets.US_ASCII), 16);
      if (len == 0) {
        flushes++;
        pos += 4;
        continue;
      }
      if (len < 4 || pos + len > body.length) {
        throw new IOException("bad pkt-line");
      }
      String line = new String(body, pos + 4, len - 4, StandardCharsets.UTF_8);
      pos += len;
      if (first) {
        if (!line.startsWith("# service=git-upload-pack")) {
          throw new IOException("not an upload-pack advertisement");
        }
        first = false;
        continue;
      }
      int nul = line.indexOf('\0');
      if (nul >= 0) {
        line = line.substring(0, nul);
      }
      line = line.stripTrailing();
      int sp = line.indexOf(' ');
      if (sp <= 0 || !isHexId(line.substring(0, sp))) {
        throw new IOException("bad ref line");
      }
      String name = line.substring(sp + 1);
      if (!name.endsWith("^{}")) {
        refs.put(name, line.substring(0, sp));
      }
    }
    refs.remove("capabilities^{}"); // an empty repository's placeholder (already skipped as peeled)
    return refs;
  }

  static boolean isHexId(String s) {
    if (s.length() != 40 && s.length() != 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static String readSmall(Path file, int max) throws IOException {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] b = in.readNBytes(max + 1);
      if (b.length > max) {
        throw new IOException(file + " too large");
      }
      return new String(b, StandardCharsets.UTF_8);
    }
  }

  /**
   * A clone's refs as git stores them in files: {@code packed-refs}, overridden by loose refs.
   * Only HEAD, {@code refs/heads}, {@code refs/remotes} and {@code refs/tags} are read.
   */
  static final class Refs {
    final Map<String, String> ids = new HashMap<>();
    final Map<String, String> symbolic = new HashMap<>();

    /** The refs, or null when something is mid-update (a lock file) or not understood. */
    static Refs read(Path gitDir) throws IOException {
      Refs r = new Refs();
      Path packed = gitDir.resolve("packed-refs");
      if (Files.exists(packed, LinkOption.NOFOLLOW_LINKS)) {
        for (String line : readSmall(packed, MAX_ADVERTISEMENT_BYTES).split("\n")) {
          if (line.isEmpty() || line.startsWith("#") || line.startsWith("^")) {
            continue;
          }
          int sp = line.indexOf(' ');
          if (sp <= 0 || !isHexId(line.substring(0, sp))) {
            return null;
          }
          r.ids.put(line.substring(sp + 1), line.substring(0, sp));
        }
      }
      if (!r.loose(gitDir, "HEAD", gitDir.resolve("HEAD"))) {
        return null;
      }
      for (String top : List.of("refs/heads", "refs/remotes", "refs/tags")) {
        if (!r.walk(gitDir, top)) {
          return null;
        }
      }
      return r;
    }

    private boolean walk(Path gitDir, String prefix) throws IOException {
      Path dir = gitDir.resolve(prefix);
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        return !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path p : entries) {
          String name = prefix + "/" + p.getFileName();
          if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            if (!walk(gitDir, name)) {
              return false;
            }
          } else if (name.endsWith(".lock") || !loose(gitDir, name, p)) {
            return false; // being updated right now, or not a ref we understand
          }
        }
      }
      return true;
    }

    private boolean loose(Path gitDir, String name, Path file) throws IOException {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      String s = readSmall(file, 4096).strip();
      if (s.startsWith("ref: ")) {
        symbolic.put(name, s.substring(5).strip());
        ids.remove(name);
        return true;
      }
      if (!isHexId(s)) {
        return false;
      }
      ids.put(name, s);
      symbolic.remove(name);
      return true;
    }
  }
}
