package dev.workstation.git;

import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A bare mirror of the roster repository under the state dir. The roster is read from the fetched
 * remote branch — the committed truth — never from anyone's working tree (an admin's stale checkout
 * once decided who had access).
 */
public final class RosterMirror {

  /**
   * The committed files, the commit they came from, and for each line of the roster the email of
   * the author who last changed it (git blame) — what the escalation guard checks.
   */
  public record Committed(
      String commit,
      byte[] roster,
      Optional<byte[]> managedSettings,
      java.util.List<String> lineAuthors) {}

  /** The fetch failed (network, auth, missing branch); the message says which and what to do. */
  public static final class FetchFailedException extends Exception {
    public FetchFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The fetch worked, but the configured path is not in the commit. */
  public static final class MissingFileException extends Exception {
    public MissingFileException(String message) {
      super(message);
    }
  }

  private final SiteConfig.RosterSource source;
  private final Path dir;
  private final int timeoutSeconds;

  public RosterMirror(SiteConfig.RosterSource source, Path stateDir, int timeoutSeconds) {
    this.source = source;
    this.dir = stateDir.resolve("roster.git");
    this.timeoutSeconds = timeoutSeconds;
  }

  public Path dir() {
    return dir;
  }

  private String remoteRef() {
    return "refs/remotes/origin/" + source.branch();
  }

  /** Fetches the branch and reads the roster (and managed settings) at its tip. */
  public Committed fetch() throws FetchFailedException, MissingFileException, IOException {
    IsolatedGitConfig.install();
    try (Repository repo = open()) {
      GitCredentials creds =
          source.credentialsFile().isPresent() && Files.isReadable(source.credentialsFile().get())
              ? GitCredentials.read(source.credentialsFile().get())
              : GitCredentials.none();
      try (Git git = new Git(repo)) {
        git.fetch()
            .setRemote(source.url())
            .setRefSpecs(new RefSpec("+refs/heads/" + source.branch() + ":" + remoteRef()))
            .setCredentialsProvider(creds)
            .setTimeout(timeoutSeconds)
            .call();
      } catch (GitAPIException | RuntimeException e) {
        throw new FetchFailedException(
            "cannot fetch " + source.branch() + " from " + source.url() + ": " + rootMessage(e), e);
      }
      ObjectId tip = repo.resolve(remoteRef());
      if (tip == null) {
        throw new FetchFailedException(
            "branch "
                + source.branch()
                + " not found in "
                + source.url()
                + " (roster.branch in the site config)",
            null);
      }
      return read(repo, tip);
    }
  }

  private Committed read(Repository repo, ObjectId tip) throws IOException, MissingFileException {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(tip);
      byte[] roster =
          blob(repo, commit, source.path())
              .orElseThrow(
                  () ->
                      new MissingFileException(
                          source.path()
                              + " does not exist at "
                              + source.branch()
                              + " (commit "
                              + commit.abbreviate(12).name()
                              + "); check roster.path in the site config"));
      Optional<byte[]> managed = Optional.empty();
      if (source.managedSettingsPath().isPresent()) {
        managed = blob(repo, commit, source.managedSettingsPath().get());
      }
      return new Committed(commit.name(), roster, managed, blame(repo, commit, source.path()));
    }
  }

  private static java.util.List<String> blame(Repository repo, RevCommit commit, String path)
      throws IOException {
    try (Git git = new Git(repo)) {
      org.eclipse.jgit.blame.BlameResult r =
          git.blame().setFilePath(path).setStartCommit(commit).call();
      java.util.List<String> out = new java.util.ArrayList<>();
      if (r != null) {
        r.computeAll();
        for (int i = 0; i < r.getResultContents().size(); i++) {
          PersonIdent who = r.getSourceAuthor(i);
          out.add(who == null ? "" : who.getEmailAddress().toLowerCase(java.util.Locale.ROOT));
        }
      }
      return out;
    } catch (GitAPIException e) {
      throw new IOException("cannot blame " + path + ": " + e.getMessage(), e);
    }
  }

  private static Optional<byte[]> blob(Repository repo, RevCommit commit, String path)
      throws IOException {
    try (TreeWalk tw = TreeWalk.forPath(repo, path, commit.getTree())) {
      if (tw == null
          || tw.getFileMode(0).getObjectType() != org.eclipse.jgit.lib.Constants.OBJ_BLOB) {
        return Optional.empty();
      }
      ObjectLoader loader = repo.open(tw.getObjectId(0));
      if (loader.getSize() > 16L << 20) {
        throw new IOException(path + " in the roster repository is larger than 16 MiB");
      }
      return Optional.of(loader.getBytes());
    }
  }

  private Repository open() throws IOException {
    Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
    if (!repo.getObjectDatabase().exists()) {
      Files.createDirectories(dir.getParent());
      repo.create(true);
    }
    return repo;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    String msg = e.getMessage();
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null) {
        msg = t.getMessage();
      }
    }
    return msg == null ? e.getClass().getSimpleName() : msg;
  }
}
