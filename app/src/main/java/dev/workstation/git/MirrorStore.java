package dev.workstation.git;

import dev.workstation.util.Dirs;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.BundleWriter;
import org.eclipse.jgit.transport.RefSpec;

/**
 * Root's bare mirrors of the site's remotes, one per URL, in {@code state_dir/mirrors} (mode 0700:
 * nobody but root reads them). Each run fetches a remote here at most once, over the process's
 * pooled connection; users' clones then take what they lack from a bundle cut from the mirror for
 * them (see {@link #bundle}), never by reading the mirror. The mirror only ever grows (fetch with
 * prune of its branches and tags); git data from the remote is data, never a path.
 */
public final class MirrorStore {
  private final Path dir;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  public MirrorStore(Path stateDir) {
    this.dir = stateDir.resolve("mirrors");
  }

  /**
   * {@code <last path segment>-<16 hex of sha256(url)>.git}: stable, and never a path from data.
   */
  static String name(URI url) {
    String path = url.getPath() == null ? "" : url.getPath();
    String last = path.replaceAll("/+$", "");
    last = last.substring(last.lastIndexOf('/') + 1).replaceAll("\\.git$", "");
    if (!last.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      last = "repo";
    }
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(url.toString().getBytes(StandardCharsets.UTF_8));
      return last + "-" + HexFormat.of().formatHex(h, 0, 8) + ".git";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  Path path(URI url) {
    return dir.resolve(name(url));
  }

  /**
   * Makes the mirror of {@code url} hold at least {@code wanted} (full ref name → id, branches and
   * tags): fetches from the remote with {@code creds} unless every wanted object is already here.
   * One fetch per mirror at a time, across threads and processes.
   */
  public void ensure(URI url, Map<String, String> wanted, GitCredentials creds, Duration timeout)
      throws IOException {
    IsolatedGitConfig.install();
    synchronized (locks.computeIfAbsent(name(url), k -> new Object())) {
      Dirs.ensure(dir, Dirs.PRIVATE);
      Path mirror = path(url);
      try (FileChannel ch =
              FileChannel.open(
                  dir.resolve(name(url) + ".lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock ignored = ch.lock()) {
        if (!Files.isDirectory(mirror)) {
          Git.init().setBare(true).setDirectory(mirror.toFile()).call().close();
        }
        try (Repository repo = open(mirror)) {
          if (hasAll(repo, wanted)) {
            return;
          }
          noBackgroundGc(repo);
          try (Git git = new Git(repo)) {
            GitHttp.withCredentials(
                creds,
                () ->
                    git.fetch()
                        .setRemote(url.toString())
                        .setRefSpecs(
                            new RefSpec("+refs/heads/*:refs/heads/*"),
                            new RefSpec("+refs/tags/*:refs/tags/*"))
                        .setRemoveDeletedRefs(true)
                        .setCredentialsProvider(creds)
                        .setTimeout((int) Math.max(1, timeout.toSeconds()))
                        .call());
          }
          if (!hasAll(repo, wanted)) {
            throw new IOException(
                "the mirror of "
                    + Clones.redact(url.toString())
                    + " lacks objects the remote advertised");
          }
          repackWhenPiledUp(repo, timeout);
        }
      } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
        throw new IOException(Freshener.shortReason(e), e);
      }
    }
  }

  /** Packs a mirror may pile up (one per fetch that brought something) before they are merged. */
  static final int MAX_PACKS = 32;

  /**
   * JGit's own garbage collection after a fetch runs detached in the fetching process, one per
   * fetch once the packs pile up, and two processes (the hourly run and the session service) ran it
   * at once: the mirror gained a full pack each time and shed none. Off; see {@link
   * #repackWhenPiledUp}.
   */
  private static void noBackgroundGc(Repository repo) throws IOException {
    org.eclipse.jgit.lib.StoredConfig c = repo.getConfig();
    if (c.getBoolean("fetch", "autogc", true)) {
      c.setBoolean("fetch", null, "autogc", false);
      c.save();
    }
  }

  /**
   * Merges the mirror's small packs when more than {@link #MAX_PACKS} have piled up, with git's
   * geometric repack (what {@code git maintenance} does: the small packs are merged, the big one is
   * left alone, redundant packs are deleted at once — JGit's gc keeps them for an hour, so a burst
   * of fetches repacked everything again each time). In the fetching thread, under the mirror's
   * lock, so never two at once; bounded by the fetch's time.
   */
  private static void repackWhenPiledUp(Repository repo, Duration timeout) throws IOException {
    String[] packs =
        new java.io.File(repo.getDirectory(), "objects/pack").list((d, n) -> n.endsWith(".pack"));
    if (packs != null && packs.length > MAX_PACKS) {
      dev.workstation.host.ProcessRunner.Result r =
          new dev.workstation.host.ProcessRunner(timeout)
              .bounded(64 << 10, 64 << 10)
              .run(
                  List.of(
                      "env",
                      "GIT_CONFIG_NOSYSTEM=1",
                      "GIT_CONFIG_GLOBAL=/dev/null",
                      "git",
                      "--git-dir=" + repo.getDirectory(),
                      "-c",
                      "gc.auto=0",
                      "repack",
                      "-d",
                      "-q",
                      "--geometric=2"));
      if (r.exitCode() != 0) {
        throw new IOException("repacking the mirror failed: " + r.stderr().strip());
      }
    }
  }

  private static boolean hasAll(Repository repo, Map<String, String> wanted) throws IOException {
    for (String id : wanted.values()) {
      if (!repo.getObjectDatabase().has(ObjectId.fromString(id))) {
        return false;
      }
    }
    return true;
  }

  private static Repository open(Path mirror) throws IOException {
    return new FileRepositoryBuilder().setGitDir(mirror.toFile()).setMustExist(true).build();
  }

  /**
   * Writes to {@code out} a git bundle of {@code refs} (full name → id, all in the mirror of {@code
   * url}) holding only the objects not reachable from {@code haves} (the clone's current ids; those
   * the mirror does not know are ignored). {@code git fetch <bundle>} then updates a clone exactly
   * as a fetch from the remote would.
   */
  public void bundle(URI url, Map<String, String> refs, List<String> haves, OutputStream out)
      throws IOException {
    try (Repository repo = open(path(url));
        RevWalk walk = new RevWalk(repo)) {
      BundleWriter w = new BundleWriter(repo);
      Map<String, String> sorted = new LinkedHashMap<>(refs);
      sorted.forEach((name, id) -> w.include(name, ObjectId.fromString(id)));
      for (String have : haves) {
        ObjectId id = ObjectId.fromString(have);
        if (repo.getObjectDatabase().has(id)) {
          RevObject o = walk.peel(walk.parseAny(id));
          if (o instanceof RevCommit c) {
            w.assume(c);
          }
        }
      }
      w.writeBundle(NullProgressMonitor.INSTANCE, out);
    }
  }

  /**
   * Where {@code local} stands against {@code upstream} in the mirror of {@code url}: how many
   * commits behind (≥ 1: a fast-forward), 0 when up to date (same, or only ahead), -1 when they
   * diverged, or null when the mirror does not know {@code local} (local commits: the clone must
   * decide).
   */
  public Integer behind(URI url, String local, String upstream) throws IOException {
    if (local.equals(upstream)) {
      return 0;
    }
    try (Repository repo = open(path(url));
        RevWalk walk = new RevWalk(repo)) {
      ObjectId l = ObjectId.fromString(local);
      if (!repo.getObjectDatabase().has(l)) {
        return null;
      }
      RevCommit lc = walk.parseCommit(l);
      RevCommit uc = walk.parseCommit(ObjectId.fromString(upstream));
      if (walk.isMergedInto(uc, lc)) {
        return 0;
      }
      walk.reset();
      if (!walk.isMergedInto(lc, uc)) {
        return -1;
      }
      walk.reset();
      walk.markStart(uc);
      walk.markUninteresting(lc);
      int n = 0;
      for (RevCommit ignored : walk) {
        n++;
      }
      return n;
    }
  }
}
