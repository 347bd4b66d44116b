package dev.workstation.it;

import dev.workstation.git.IsolatedGitConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A real roster repository for tests: a bare "origin" (what the site config points at) and a
 * working clone that commits and pushes to it — built by JGit in a temp dir, or by the git CLI when
 * commits are signed ({@code git -c gpg.format=ssh -c user.signingkey=KEY commit -S}), the way an
 * admin signs theirs.
 */
public final class RosterRepo implements AutoCloseable {
  public static final String PATH = "scripts/workstation/roster.yaml";
  public static final String SETTINGS = "scripts/workstation/managed-settings.json";
  private final Path origin;
  private final Git work;
  private Path signingKey;

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

  /** From now on {@link #commit} signs with {@code key} (git CLI, SSH format). */
  public RosterRepo signedBy(Path key) {
    this.signingKey = key;
    return this;
  }

  public Path origin() {
    return origin;
  }

  public Path workTree() {
    return work.getRepository().getWorkTree().toPath();
  }

  /**
   * Writes, commits (as {@code author}; signed when {@link #signedBy} was called) and pushes {@code
   * content} at {@code path}; returns the commit id.
   */
  public String commit(String path, String content, String author, String message)
      throws IOException, GitAPIException {
    if (signingKey != null) {
      return commitWithCli(path, content, author, message, signingKey);
    }
    startFromOrigin();
    write(path, content);
    work.add().addFilepattern(path).call();
    PersonIdent who = ident(author);
    work.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
    return push();
  }

  public String commitRoster(String content) throws IOException, GitAPIException {
    return commit(PATH, content, "viktor@example.org", "roster: update");
  }

  /**
   * A commit made with the git CLI, signed with {@code key} when it is not null (SSH format), as
   * {@code author}; pushed. Returns the commit id.
   */
  public String commitWithCli(String path, String content, String author, String message, Path key)
      throws IOException {
    sync();
    write(path, content);
    git("add", "--", path);
    return commitStagedWithCli(author, message, key);
  }

  /** Commits what is staged (git CLI), signed with {@code key} unless null; pushes. */
  public String commitStagedWithCli(String author, String message, Path key) throws IOException {
    List<String> args = new ArrayList<>(List.of("-c", "user.name=" + name(author)));
    args.addAll(List.of("-c", "user.email=" + author));
    if (key != null) {
      args.addAll(List.of("-c", "gpg.format=ssh", "-c", "user.signingkey=" + key));
    }
    args.addAll(List.of("commit", "-q", "--allow-empty", "-m", message));
    if (key != null) {
      args.add("-S");
    }
    git(args.toArray(String[]::new));
    git("push", "-q", "origin", "HEAD:refs/heads/master");
    return git("rev-parse", "HEAD").strip();
  }

  /** A commit signed by JGit's own SSH signer with {@code key}; pushed. */
  public String commitSignedByJGit(String path, String content, String author, Path key)
      throws IOException, GitAPIException {
    startFromOrigin();
    write(path, content);
    work.add().addFilepattern(path).call();
    Config c = new Config();
    c.setString("gpg", null, "format", "ssh");
    PersonIdent who = ident(author);
    work.commit()
        .setMessage("roster: signed by JGit")
        .setAuthor(who)
        .setCommitter(who)
        .setSign(true)
        .setGpgConfig(new GpgConfig(c))
        .setSigningKey(key.toString())
        .call();
    return push();
  }

  /**
   * A commit whose signature is a genuine SSH signature by {@code key} over the commit, but made
   * for another namespace ({@code ssh-keygen -Y sign -n NAMESPACE}), grafted in by hand.
   */
  public String commitSignedInNamespace(
      String path, String content, String author, Path key, String namespace)
      throws IOException, InterruptedException {
    sync();
    write(path, content);
    git("add", "--", path);
    String tree = git("write-tree").strip();
    String parent = git("rev-parse", "HEAD").strip();
    String ident =
        name(author) + " <" + author + "> " + (System.currentTimeMillis() / 1000) + " +0000";
    String head =
        "tree " + tree + "\nparent " + parent + "\nauthor " + ident + "\ncommitter " + ident + "\n";
    String message = "\nroster: signed elsewhere\n";
    Path payload = workTree().resolveSibling("payload-" + System.nanoTime());
    Files.writeString(payload, head + message);
    Process p =
        new ProcessBuilder(
                "ssh-keygen",
                "-q",
                "-Y",
                "sign",
                "-f",
                key.toString(),
                "-n",
                namespace,
                payload.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("ssh-keygen -Y sign failed: " + out);
    }
    String sig = Files.readString(Path.of(payload + ".sig")).strip();
    String commit = head + "gpgsig " + sig.replace("\n", "\n ") + "\n" + message;
    String id =
        git(commit.getBytes(StandardCharsets.UTF_8), "hash-object", "-t", "commit", "-w", "--stdin")
            .strip();
    git("push", "-q", "origin", id + ":refs/heads/master");
    return id;
  }

  /** Runs the git CLI in the working clone with no user or system config; returns stdout. */
  public String git(String... args) throws IOException {
    return git(null, args);
  }

  /** {@link #git(String...)} with {@code env} added (say, a committer date). */
  public String gitWith(java.util.Map<String, String> env, String... args) throws IOException {
    return git(null, env, args);
  }

  private String git(byte[] stdin, String... args) throws IOException {
    return git(stdin, java.util.Map.of(), args);
  }

  private String git(byte[] stdin, java.util.Map<String, String> env, String... args)
      throws IOException {
    List<String> argv = new ArrayList<>(List.of("git"));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).directory(workTree().toFile());
    pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    pb.environment().putAll(env);
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin);
      }
    }
    byte[] err;
    String out;
    try {
      var errF =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                  return new byte[0];
                }
              });
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      err = errF.join();
      if (p.waitFor() != 0) {
        throw new IOException(
            "git "
                + String.join(" ", args)
                + " failed: "
                + new String(err, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
    return out;
  }

  private void startFromOrigin() throws GitAPIException {
    // start from the pushed tip: the lifecycle commands push to origin too
    work.fetch().setRemote("origin").call();
    if (headExists()) {
      work.reset()
          .setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD)
          .setRef("refs/remotes/origin/master")
          .call();
    }
  }

  /** Resets the working clone to the pushed tip (git CLI), to stage something by hand. */
  public void sync() throws IOException {
    git("fetch", "-q", "--no-recurse-submodules", "origin");
    if (!git("ls-remote", "origin", "refs/heads/master").isBlank()) {
      git("checkout", "-q", "-B", "master", "origin/master");
      git("reset", "-q", "--hard", "origin/master");
    }
  }

  private boolean headExists() {
    try {
      return work.getRepository().exactRef("refs/remotes/origin/master") != null;
    } catch (IOException e) {
      return false;
    }
  }

  private void write(String path, String content) throws IOException {
    Path file = workTree().resolve(path);
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private String push() throws GitAPIException, IOException {
    for (var result : work.push().setRemote("origin").add("HEAD:refs/heads/master").call()) {
      for (var update : result.getRemoteUpdates()) {
        if (update.getStatus() != org.eclipse.jgit.transport.RemoteRefUpdate.Status.OK) {
          throw new IllegalStateException("fixture push rejected: " + update.getStatus());
        }
      }
    }
    return work.getRepository().resolve("HEAD").name();
  }

  private static String name(String email) {
    return email.substring(0, email.indexOf('@'));
  }

  private static PersonIdent ident(String author) {
    return new PersonIdent(name(author), author);
  }

  @Override
  public void close() {
    work.close();
  }
}
