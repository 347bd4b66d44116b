package dev.workstation.git;

import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    public SourceException(String message) {
      super(message);
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
      throws FetchFailedException, SourceException, RewrittenException, IOException {
    IsolatedGitConfig.install();
    try (Repository repo = open()) {
      ObjectId tip = fetchTip(repo);
      try (RevWalk rw = new RevWalk(repo);
          ObjectReader reader = repo.newObjectReader()) {
        Content c = read(repo, rw, reader, rw.parseCommit(tip), notApplied(repo, lastApplied));
        if (lastApplied.isPresent()) {
          try {
            requireDescent(repo, lastApplied.get(), c.commit());
          } catch (RewrittenException e) {
            if (c.untrusted().isEmpty()) {
              throw e;
            }
            // held back behind what the last run applied: an untrusted change is why (say, an
            // unsigned merge that drops signed work), not a rewritten history
            throw new RewrittenException(
                untrustedHead(c.untrusted())
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
  public String commit(UnaryOperator<String> edit, String message, PersonIdent author)
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
          RevCommit head = rw.parseCommit(tip);
          Content c = read(repo, rw, reader, head, commit -> false);
          if (!c.untrusted().isEmpty()) {
            throw new IOException(untrustedHead(c.untrusted()));
          }
          Optional<String> pushed = committer.commitAndPush(reader, head, edit, message, author);
          if (pushed.isPresent()) {
            return pushed.get();
          }
        } catch (SourceException e) {
          throw new IOException(e.getMessage(), e);
        }
        if (attempt == 1) {
          throw new RosterCommitter.PushFailedException(
              "push of the roster change failed twice (someone else pushed meanwhile); run it again");
        }
      }
    }
  }

  private String untrustedHead(List<Untrusted> untrusted) {
    StringBuilder commits = new StringBuilder();
    for (Untrusted u : untrusted) {
      commits
          .append(commits.length() == 0 ? "" : "; ")
          .append(u.shortSha())
          .append(" by ")
          .append(u.author())
          .append(" (")
          .append(String.join(", ", u.paths()))
          .append(": ")
          .append(u.why())
          .append(')');
    }
    return "refused: the head of "
        + source.branch()
        + " carries untrusted changes to the roster source: "
        + commits
        + "; an admin must review them (revert, or re-state the content in a signed commit)"
        + " before workstation builds on it";
  }

  /**
   * Which commits root has not applied yet (not the last applied one nor its ancestors): their
   * signatures are judged now. Without a last applied commit, all are.
   */
  private static java.util.function.Predicate<RevCommit> notApplied(
      Repository repo, Optional<String> lastApplied) {
    Optional<ObjectId> applied =
        lastApplied.filter(ObjectId::isId).map(ObjectId::fromString).filter(id -> has(repo, id));
    if (applied.isEmpty()) {
      return commit -> true;
    }
    return commit -> {
      try (RevWalk walk = new RevWalk(repo)) {
        return !walk.isMergedInto(walk.parseCommit(commit), walk.parseCommit(applied.get()));
      } catch (IOException e) {
        return true;
      }
    };
  }

  private static boolean has(Repository repo, ObjectId id) {
    try {
      return repo.getObjectDatabase().has(id);
    } catch (IOException e) {
      return false;
    }
  }

  private Content read(
      Repository repo,
      RevWalk rw,
      ObjectReader reader,
      RevCommit tip,
      java.util.function.Predicate<RevCommit> judgedNow)
      throws IOException, SourceException {
    List<String> paths = source.trustedPaths();
    TrustWalk.Result walk;
    boolean verified = source.allowedSigners().isPresent();
    if (verified) {
      CommitSignatures signatures = CommitSignatures.verifyingWith(source.allowedSigners().get());
      try {
        walk =
            TrustWalk.walk(
                rw, reader, tip, paths, c -> signatures.check(repo, c, judgedNow.test(c)));
      } finally {
        signatures.close();
      }
    } else {
      walk =
          TrustWalk.walk(
              rw, reader, tip, paths, c -> new CommitSignatures.Check(true, "unverified"));
    }
    List<Untrusted> untrusted = new ArrayList<>();
    for (TrustWalk.Refused r : walk.refused()) {
      PersonIdent a = r.commit().getAuthorIdent();
      untrusted.add(
          new Untrusted(
              r.commit().name(),
              a == null ? "?" : a.getName() + " <" + a.getEmailAddress() + ">",
              r.paths(),
              r.why()));
    }
    RevCommit c = walk.content();
    if (c == null) {
      throw new SourceException(
          source.path()
              + " has no version on "
              + source.branch()
              + " signed by a key in roster.allowed_signers"
              + (untrusted.isEmpty()
                  ? ""
                  : " (first untrusted change: commit "
                      + untrusted.get(untrusted.size() - 1).shortSha()
                      + ", "
                      + untrusted.get(untrusted.size() - 1).why()
                      + ")"));
    }
    List<TrustedPaths.Entry> entries = TrustedPaths.entries(reader, c, paths);
    byte[] roster =
        TrustedPaths.read(reader, c, source.path(), entries.get(0), TrustedPaths.ROSTER_CAP)
            .orElseThrow(
                () ->
                    new SourceException(
                        source.path()
                            + " does not exist at "
                            + source.branch()
                            + " (commit "
                            + c.abbreviate(12).name()
                            + "); check roster.path in the site config"));
    Optional<byte[]> managed = Optional.empty();
    if (paths.size() > 1) {
      managed =
          TrustedPaths.read(reader, c, paths.get(1), entries.get(1), TrustedPaths.SETTINGS_CAP);
    }
    return new Content(
        c.name(),
        tip.name(),
        roster,
        managed,
        verified,
        List.copyOf(untrusted),
        allowCuts(walk.vouchers()));
  }

  private OptionalInt allowCuts(Map<String, RevCommit> vouchers) {
    RevCommit voucher = vouchers.get(source.path());
    if (voucher == null) {
      return OptionalInt.empty();
    }
    List<String> values = voucher.getFooterLines(ALLOW_CUTS_TRAILER);
    if (values.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      int n = Integer.parseInt(values.get(values.size() - 1).strip());
      return n < 0 ? OptionalInt.empty() : OptionalInt.of(n);
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  private void requireDescent(Repository repo, String applied, String content)
      throws IOException, RewrittenException {
    ObjectId a = ObjectId.isId(applied) ? ObjectId.fromString(applied) : null;
    boolean descends;
    try (RevWalk walk = new RevWalk(repo)) {
      descends =
          a != null
              && repo.getObjectDatabase().has(a)
              && walk.isMergedInto(
                  walk.parseCommit(a), walk.parseCommit(ObjectId.fromString(content)));
    } catch (org.eclipse.jgit.errors.MissingObjectException
        | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
      descends = false;
    }
    if (!descends) {
      throw new RewrittenException(
          "refused: "
              + source.branch()
              + " at commit "
              + content.substring(0, 12)
              + " does not descend from the last applied commit "
              + applied.substring(0, Math.min(12, applied.length()))
              + " (history was rewritten); the last applied roster stays in force until an admin"
              + " restores the history or pushes a signed commit on top of it");
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
