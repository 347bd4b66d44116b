package dev.workstation.git;

import dev.workstation.site.SiteConfig;
import dev.workstation.util.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Commits a roster edit and pushes it to the roster repository — the audited way the lifecycle
 * commands change who has access. The edit is a function of the current committed text, so when the
 * push is rejected (someone pushed meanwhile) it is re-applied on the new tip and pushed once more;
 * the admin's own working tree is never involved.
 */
public final class RosterCommitter {
  private final SiteConfig.RosterSource source;
  private final Path workDir;

  public RosterCommitter(SiteConfig.RosterSource source, Path stateDir) {
    this.source = source;
    this.workDir = stateDir.resolve("roster-edit");
  }

  /** The push was rejected twice, or the repository refused it: nothing was changed remotely. */
  public static final class PushFailedException extends IOException {
    public PushFailedException(String message) {
      super(message);
    }
  }

  /**
   * Applies {@code edit} to the committed roster text, commits it with {@code message} as {@code
   * author}, pushes; returns the new commit id. {@code edit} throws to refuse.
   */
  public String commit(UnaryOperator<String> edit, String message, PersonIdent author)
      throws IOException, GitAPIException {
    IsolatedGitConfig.install();
    GitCredentials creds =
        source.credentialsFile().filter(Files::isReadable).isPresent()
            ? GitCredentials.read(source.credentialsFile().get())
            : GitCredentials.none();
    for (int attempt = 0; attempt < 2; attempt++) {
      FileTrees.delete(workDir);
      try (Git git =
          Git.cloneRepository()
              .setURI(source.url())
              .setBranch(source.branch())
              .setDirectory(workDir.toFile())
              .setCredentialsProvider(creds)
              .setTimeout(60)
              .call()) {
        Path file = workDir.resolve(source.path());
        String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        String after = edit.apply(before);
        Files.createDirectories(file.getParent());
        Files.writeString(file, after, StandardCharsets.UTF_8);
        git.add().addFilepattern(source.path()).call();
        RevCommit c =
            git.commit().setMessage(message).setAuthor(author).setCommitter(author).call();
        Iterable<PushResult> results =
            git.push()
                .setRemote("origin")
                .setCredentialsProvider(creds)
                .setTimeout(60)
                .setRefSpecs(new RefSpec("HEAD:refs/heads/" + source.branch()))
                .call();
        RemoteRefUpdate.Status status = RemoteRefUpdate.Status.OK;
        for (PushResult r : results) {
          for (RemoteRefUpdate u : r.getRemoteUpdates()) {
            status = u.getStatus();
          }
        }
        if (status == RemoteRefUpdate.Status.OK || status == RemoteRefUpdate.Status.UP_TO_DATE) {
          return c.name();
        }
        if (status != RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD || attempt == 1) {
          throw new PushFailedException(
              "push of the roster change to " + source.url() + " failed: " + status);
        }
        // someone pushed in between: fetch the new tip and apply the edit again, once
      } finally {
        FileTrees.delete(workDir);
      }
    }
    throw new PushFailedException("push of the roster change failed twice (non-fast-forward)");
  }
}
