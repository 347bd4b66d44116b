package dev.workstation.git;

import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Builds one roster edit as git objects in the mirror — blob, tree (an in-memory index, never a
 * working tree), signed commit — and pushes it. Nothing is read from or written to the filesystem
 * outside the mirror's object store, so no link planted anywhere can redirect root's read or write.
 * Used only by {@link TrustedSource}, on a head it has verified.
 */
final class RosterCommitter {

  /** The repository refused the push: nothing was changed remotely. */
  static final class PushFailedException extends IOException {
    PushFailedException(String message) {
      super(message);
    }
  }

  private final Repository repo;
  private final SiteConfig.RosterSource source;
  private final int timeoutSeconds;

  RosterCommitter(Repository repo, SiteConfig.RosterSource source, int timeoutSeconds) {
    this.repo = repo;
    this.source = source;
    this.timeoutSeconds = timeoutSeconds;
  }

  /**
   * Commits {@code edit} of the roster at {@code head} and pushes it; empty when the push was
   * rejected as non-fast-forward (someone pushed meanwhile: the caller re-reads and retries).
   */
  Optional<String> commitAndPush(
      ObjectReader reader,
      RevCommit head,
      UnaryOperator<String> edit,
      String message,
      PersonIdent author)
      throws IOException, TrustedSource.SourceException {
    String path = source.path();
    TrustedPaths.Entry entry = TrustedPaths.entries(reader, head, List.of(path)).get(0);
    String before =
        TrustedPaths.read(reader, head, path, entry, TrustedPaths.ROSTER_CAP)
            .map(b -> new String(b, StandardCharsets.UTF_8))
            .orElse("");
    byte[] after = edit.apply(before).getBytes(StandardCharsets.UTF_8);
    ObjectId id;
    try (ObjectInserter ins = repo.newObjectInserter()) {
      ObjectId blob = ins.insert(Constants.OBJ_BLOB, after);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(treeWith(reader, ins, head, path, blob));
      commit.setParentId(head);
      commit.setAuthor(author);
      commit.setCommitter(author);
      commit.setMessage(message);
      if (source.signingKey().isPresent()) {
        CommitSignatures.sign(repo, commit, author, source.signingKey().get());
      }
      id = ins.insert(commit);
      ins.flush();
    }
    requireOwnSignatureTrusted(id);
    return push(id) ? Optional.of(id.name()) : Optional.empty();
  }

  /** {@code head}'s tree with {@code path} set to {@code blob}, built in an in-memory index. */
  private static ObjectId treeWith(
      ObjectReader reader, ObjectInserter ins, RevCommit head, String path, ObjectId blob)
      throws IOException {
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, head.getTree());
    builder.finish();
    DirCacheEditor editor = index.editor();
    editor.add(
        new DirCacheEditor.PathEdit(path) {
          @Override
          public void apply(DirCacheEntry ent) {
            ent.setFileMode(FileMode.REGULAR_FILE);
            ent.setObjectId(blob);
          }
        });
    editor.finish();
    return index.writeTree(ins);
  }

  /** A commit of ours that the daemon would report as untrusted is never pushed. */
  private void requireOwnSignatureTrusted(ObjectId id) throws IOException {
    if (source.allowedSigners().isEmpty()) {
      return;
    }
    CommitSignatures signatures = CommitSignatures.verifyingWith(source.allowedSigners().get());
    try (RevWalk rw = new RevWalk(repo)) {
      CommitSignatures.Check check = signatures.check(repo, rw.parseCommit(id), () -> true);
      if (!check.trusted()) {
        throw new IOException(
            "refused: a commit signed with roster.signing_key "
                + source.signingKey().orElseThrow()
                + " is not trusted ("
                + check.why()
                + "); add its public key to "
                + source.allowedSigners().get()
                + " (ssh-keygen -y -f KEY prints it)");
      }
    }
  }

  private boolean push(ObjectId id) throws IOException {
    GitCredentials creds = TrustedSource.credentials(source);
    Iterable<PushResult> results;
    try (Git git = new Git(repo)) {
      results =
          git.push()
              .setRemote(source.url())
              .setCredentialsProvider(creds)
              .setTimeout(timeoutSeconds)
              .setRefSpecs(new RefSpec(id.name() + ":refs/heads/" + source.branch()))
              .call();
    } catch (GitAPIException | RuntimeException e) {
      throw new PushFailedException(
          "push of the roster change to "
              + source.url()
              + " failed: "
              + GitErrors.rootMessage(e)
              + "; nothing was changed");
    }
    RemoteRefUpdate.Status status = RemoteRefUpdate.Status.OK;
    for (PushResult r : results) {
      for (RemoteRefUpdate u : r.getRemoteUpdates()) {
        status = u.getStatus();
      }
    }
    if (status == RemoteRefUpdate.Status.OK || status == RemoteRefUpdate.Status.UP_TO_DATE) {
      return true;
    }
    if (status == RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD) {
      return false;
    }
    throw new PushFailedException(
        "push of the roster change to " + source.url() + " failed: " + status);
  }
}
