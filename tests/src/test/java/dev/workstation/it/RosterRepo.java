package dev.workstation.it;

import dev.workstation.git.IsolatedGitConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A real roster repository for tests: a bare "origin" (what the site config points at) and an
 * admin's working clone that commits and pushes to it, built by JGit in a temp dir.
 */
public final class RosterRepo implements AutoCloseable {
  public static final String PATH = "scripts/workstation/roster.yaml";
  private final Path origin;
  private final Git work;

  private RosterRepo(Path origin, Git work) {
    this.origin = origin;
    this.work = work;
  }

  public static RosterRepo create(Path dir) throws IOException, GitAPIException {
    IsolatedGitConfig.install();
    Path origin = dir.resolve("roster.git");
    Git.init()
        .setBare(true)
        .setInitialBranch("master")
        .setDirectory(origin.toFile())
        .call()
        .close();
    Git work =
        Git.cloneRepository()
            .setURI(origin.toUri().toString())
            .setDirectory(dir.resolve("roster-work").toFile())
            .call();
    work.getRepository().getConfig().setString("init", null, "defaultBranch", "master");
    return new RosterRepo(origin, work);
  }

  public Path origin() {
    return origin;
  }

  public Path workTree() {
    return work.getRepository().getWorkTree().toPath();
  }

  /**
   * Writes, commits (as {@code author}) and pushes {@code content} at {@code path}; returns the
   * commit id.
   */
  public String commit(String path, String content, String author, String message)
      throws IOException, GitAPIException {
    // start from the pushed tip: the lifecycle commands push to origin too
    work.fetch().setRemote("origin").call();
    if (work.getRepository().exactRef("refs/remotes/origin/master") != null) {
      work.reset()
          .setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD)
          .setRef("refs/remotes/origin/master")
          .call();
    }
    Path file = workTree().resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    work.add().addFilepattern(path).call();
    PersonIdent who = new PersonIdent(author.substring(0, author.indexOf('@')), author);
    String id = work.commit().setMessage(message).setAuthor(who).setCommitter(who).call().name();
    for (var result : work.push().setRemote("origin").add("HEAD:refs/heads/master").call()) {
      for (var update : result.getRemoteUpdates()) {
        if (update.getStatus() != org.eclipse.jgit.transport.RemoteRefUpdate.Status.OK) {
          throw new IllegalStateException("fixture push rejected: " + update.getStatus());
        }
      }
    }
    return id;
  }

  public String commitRoster(String content) throws IOException, GitAPIException {
    return commit(PATH, content, "viktor@example.org", "roster: update");
  }

  @Override
  public void close() {
    work.close();
  }
}
