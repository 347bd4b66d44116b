package dev.workstation.git;

import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

/**
 * The one way into the roster repository (SPEC §8.1): a bare mirror under the state dir, fetched
 * from the remote branch and read as git objects only — never a working tree, never the filesystem.
 * It turns the branch into the content of the trusted paths ({@code roster.path}, {@code
 * roster.managed_settings_path}) at the newest commit an allowed signer vouches for, and names
 * every later change that is not applied. Nothing else opens this repository: the CLI's own commits
 * are built here too, on the same verified objects.
 */
public final class TrustedSource {

  /** A change to the trusted paths that is not applied: for plan, reconcile, status, doctor. */
  public record Untrusted(String commit, String author, List<String> paths, String why) {
    public String shortSha() {
      return commit.substring(0, Math.min(12, commit.length()));
    }
  }

  /**
   * What the daemon may act on.
   *
   * @param commit the commit whose trusted paths are applied (C)
   * @param head the branch tip that was fetched
   * @param verified false in unverified mode (no allowed_signers): C is the tip, unchecked
   * @param allowCuts the {@code Workstation-Allow-Cuts} trailer of the commit that last changed the
   *     roster (the signed one, when verified)
   */
  public record Content(
      String commit,
      String head,
      byte[] roster,
      Optional<byte[]> managedSettings,
      boolean verified,
      List<Untrusted> untrusted,
      OptionalInt allowCuts) {}

  /** The fetch failed (network, auth, missing branch); the message says which and what to do. */
  public static final class FetchFailedException extends Exception {
    public FetchFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * What the branch holds cannot be acted on: a trusted path missing, not a regular file, too big.
   */
  public static final class SourceException extends Exception {
    private final boolean unsigned;

    public SourceException(String message) {
      this(message, false);
    }

    SourceException(String message, boolean unsigned) {
      super(message);
      this.unsigned = unsigned;
    }

    /** No signed version of a trusted path exists: the remedy is a signature, not an edit. */
    public boolean unsigned() {
      return unsigned;
    }
  }

  /** The trusted commit does not descend from the last applied one: history was rewritten. */
  public static final class RewrittenException extends Exception {
    public RewrittenException(String message) {
      super(message);
    }
  }

  public static final String ALLOW_CUTS_TRAILER = "Workstation-Allow-Cuts";

  private final SiteConfig.RosterSource source;
  private final Path dir;
  private final int timeoutSeconds;

  public TrustedSource(SiteConfig.RosterSource source, Path stateDir, int timeoutSeconds) {
    this.source = source;
    this.dir = stateDir.resolve("roster.git");
    this.timeoutSeconds = timeoutSeconds;
  }

  private String remoteRef() {
    return "refs/remotes/origin/" + source.branch();
  }

  /**
   * Fetches the branch and returns the trusted content.
   *
   * @param lastApplied the commit applied last (verified); the content must descend from it
   */
  public Content fetch(Optional<String> lastApplied)
      throws FetchFailedException,
          SourceException,
          RewrittenException,
          TooManyCommitsException,
          IOException {
    IsolatedGitConfig.install();
    try (Repository repo = open()) {
      ObjectId tip = fetchTip(repo);
      try (RevWalk rw = new RevWalk(repo);
          ObjectReader reader = repo.newObjectReader()) {
        rw.setRetainBody(false); // the walk loads a body only where it judges a commit
        Content c =
            TrustedContent.read(
                source,
                repo,
                rw,
                reader,
                rw.parseCommit(tip),
                TrustedContent.notApplied(repo, lastApplied));
        if (lastApplied.isPresent()) {
          try {
            TrustedContent.requireDescent(source, repo, lastApplied.get(), c.commit());
          } catch (RewrittenException e) {
            if (c.untrusted().isEmpty()) {
              throw e;
            }
            // held back behind what the last run applied: an untrusted change is why (say, an
            // unsigned merge that drops signed work), not a rewritten history
            throw new RewrittenException(
                TrustedContent.untrustedHead(source, c.untrusted())
                    + "; until then the last applied roster stays in force (the newest trusted"
                    + " version does not descend from it)");
          }
        }
        return c;
      }
    }
  }

  /**
   * Builds {@code edit} of the roster at the branch head as a new commit (objects only, signed with
   * {@code roster.signing_key}), pushes it, and returns its id. Refused when the head's trusted
   * paths carry an untrusted change: the CLI never builds on what no admin vouched for.
   */
  public String commit(UnaryOperator<String> edit, CommitMessage message, PersonIdent author)
      throws IOException {
    IsolatedGitConfig.install();
    if (source.allowedSigners().isPresent() && source.signingKey().isEmpty()) {
      throw new IOException(
          "roster.signing_key is not set: a commit made by workstation would be untrusted (roster"
              + ".allowed_signers is set); set signing_key and list its public key in allowed_signers");
    }
    try (Repository repo = open()) {
      RosterCommitter committer = new RosterCommitter(repo, source, timeoutSeconds);
      for (int attempt = 0; ; attempt++) {
        ObjectId tip;
        try {
          tip = fetchTip(repo);
        } catch (FetchFailedException e) {
          throw new IOException(e.getMessage(), e);
        }
        try (RevWalk rw = new RevWalk(repo);
            ObjectReader reader = repo.newObjectReader()) {
          rw.setRetainBody(false);
          RevCommit head = rw.parseCommit(tip);
          Content c = TrustedContent.read(source, repo, rw, reader, head, commit -> false);
          if (!c.untrusted().isEmpty()) {
            throw new IOException(TrustedContent.untrustedHead(source, c.untrusted()));
          }
          Optional<String> pushed =
              committer.commitAndPush(reader, head, edit, message.render(), author);
          if (pushed.isPresent()) {
            return pushed.get();
          }
        } catch (SourceException e) {
          throw new IOException(e.getMessage(), e);
        } catch (TooManyCommitsException e) {
          throw new IOException(TrustedContent.untrustedHead(source, List.of(e.untrusted())), e);
        }
        if (attempt == 1) {
          throw new RosterCommitter.PushFailedException(
              "push of the roster change failed twice (someone else pushed meanwhile); run it again");
        }
      }
    }
  }

  private ObjectId fetchTip(Repository repo) throws FetchFailedException, IOException {
    GitCredentials creds = credentials(source);
    try (Git git = new Git(repo)) {
      git.fetch()
          .setRemote(source.url())
          .setRefSpecs(new RefSpec("+refs/heads/" + source.branch() + ":" + remoteRef()))
          .setCredentialsProvider(creds)
          .setTimeout(timeoutSeconds)
          .call();
    } catch (GitAPIException | RuntimeException e) {
      throw new FetchFailedException(
          "cannot fetch "
              + source.branch()
              + " from "
              + source.url()
              + ": "
              + GitErrors.rootMessage(e),
          e);
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
    return tip;
  }

  /** The credential store for fetch and push, if one is configured and readable. */
  static GitCredentials credentials(SiteConfig.RosterSource source) throws IOException {
    return source.credentialsFile().filter(Files::isReadable).isPresent()
        ? GitCredentials.read(source.credentialsFile().get())
        : GitCredentials.none();
  }

  private Repository open() throws IOException {
    Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
    if (!repo.getObjectDatabase().exists()) {
      Files.createDirectories(dir.getParent());
      repo.create(true);
    }
    return repo;
  }
}
