package dev.workstation.git;

import dev.workstation.host.HomeFiles;
import dev.workstation.util.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.BranchConfig;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;

/**
 * Clone and wire repositories — always run by the worker as the owning user, so every file is
 * theirs and root never follows a link inside a home. A clone is made beside its target and renamed
 * into place, so a crash never leaves a half-clone where a real one should be.
 */
public final class Clones {
  private Clones() {}

  /** What a worker sees of one clone. */
  public record Facts(
      boolean isClone,
      Map<String, String> remotes,
      Optional<String> branch,
      Optional<String> trackingRemote) {}

  /**
   * Clones {@code url} into {@code target} (which must not exist). For the locked infra clone
   * ({@code locked}) git-crypt's filters are set to pass ciphertext through before checkout, so
   * encrypted files stay encrypted and no key is ever involved.
   */
  public static void clone(
      Path target,
      String url,
      String remote,
      String branch,
      boolean locked,
      CredentialsProvider creds)
      throws IOException, GitAPIException {
    IsolatedGitConfig.install();
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(target + " already exists; not replacing it");
    }
    Path tmp = target.resolveSibling("." + target.getFileName() + ".clone-tmp");
    FileTrees.delete(tmp); // a crashed earlier attempt; it is ours
    var command =
        Git.cloneRepository()
            .setURI(url)
            .setDirectory(tmp.toFile())
            .setRemote(remote)
            .setNoCheckout(locked)
            .setCredentialsProvider(creds)
            .setTimeout(60);
    if (branch != null) {
      command.setBranch(branch);
    }
    try (Git git = command.call()) {
      if (creds instanceof GitCredentials c && !c.isEmpty()) {
        StoredConfig config = git.getRepository().getConfig();
        useCredentialStore(config);
        config.save();
      }
      if (locked) {
        // filters first, checkout second: encrypted files are written as the ciphertext blobs
        StoredConfig config = git.getRepository().getConfig();
        config.setString("filter", "git-crypt", "smudge", "cat");
        config.setString("filter", "git-crypt", "clean", "cat");
        config.setBoolean("filter", "git-crypt", "required", false);
        config.save();
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef("HEAD").call();
      }
    } catch (GitAPIException | IOException | RuntimeException e) {
      FileTrees.delete(tmp);
      Exception explained = CloneFailure.explain(e); // "not found or no access: …" and so on
      if (explained instanceof IOException io && explained != e) {
        throw io;
      }
      throw e;
    }
    Files.move(tmp, target); // not REPLACE_EXISTING: a target that appeared meanwhile wins
  }

  /**
   * Makes sure {@code remote} exists with {@code url}, fetches it, and makes {@code branch} track
   * {@code remote/branch} — only after that fetch succeeded, so tracking never points at a ref that
   * is not there.
   */
  public static void wireRemote(
      Path repoDir, String remote, String url, String branch, CredentialsProvider creds)
      throws IOException, GitAPIException {
    IsolatedGitConfig.install();
    try (Git git = Git.open(repoDir.toFile())) {
      StoredConfig config = git.getRepository().getConfig();
      if (config.getString("remote", remote, "url") == null) {
        git.remoteAdd().setName(remote).setUri(new URIish(url)).call();
      }
      git.fetch()
          .setRemote(remote)
          .setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/" + remote + "/*"))
          .setCredentialsProvider(creds)
          .setTimeout(60)
          .setRemoveDeletedRefs(true)
          .call();
      if (git.getRepository().exactRef("refs/remotes/" + remote + "/" + branch) == null) {
        throw new IOException(remote + " has no branch " + branch);
      }
      config = git.getRepository().getConfig();
      config.setString("branch", branch, "remote", remote);
      config.setString("branch", branch, "merge", "refs/heads/" + branch);
      useCredentialStore(config);
      config.save();
    } catch (java.net.URISyntaxException e) {
      throw new IOException("bad remote URL for " + remote, e);
    }
  }

  /**
   * The user's own git (their agent pushes, pulls) authenticates from {@code ~/.git-credentials}
   * like we do: name the helper, never the token.
   */
  static void useCredentialStore(StoredConfig config) {
    if (config.getString("credential", null, "helper") == null) {
      config.setString("credential", null, "helper", "store");
    }
  }

  /** Reads a clone's remotes and the current branch's upstream remote. */
  public static Facts inspect(Path dir) {
    if (!Files.isDirectory(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
      return new Facts(false, Map.of(), Optional.empty(), Optional.empty());
    }
    try {
      Optional<Facts> fromFiles = inspectFiles(dir.resolve(".git"));
      if (fromFiles.isPresent()) {
        return fromFiles.get();
      }
    } catch (HomeFiles.Refused e) {
      // a FIFO or a link where the config is: JGit would open it (and hang), so nobody does
      throw new java.io.UncheckedIOException(e.getMessage(), e);
    } catch (IOException e) {
      // JGit reads it below and decides
    }
    return inspectWithJGit(dir);
  }

  /**
   * The same facts from {@code HEAD} and {@code .git/config} read directly — what every reconcile
   * asks of every clone, without JGit's start-up; empty when the files use anything {@link
   * GitConfigFile} refuses or HEAD is neither a branch nor a commit id.
   */
  static Optional<Facts> inspectFiles(Path gitDir) throws IOException {
    Optional<GitConfigFile> config = GitConfigFile.read(gitDir.resolve("config"));
    RefFiles head = new RefFiles();
    if (config.isEmpty() || !head.loose("HEAD", gitDir.resolve("HEAD"))) {
      return Optional.empty();
    }
    String target = head.symbolic.get("HEAD");
    if (target != null && !target.startsWith("refs/heads/")) {
      return Optional.empty();
    }
    Optional<String> branch =
        Optional.ofNullable(target).map(t -> t.substring("refs/heads/".length())); // none: detached
    Map<String, String> remotes = new LinkedHashMap<>();
    for (String r : config.get().subsections("remote")) {
      remotes.put(r, redact(config.get().last("remote", r, "url")));
    }
    Optional<String> tracking = branch.map(b -> config.get().last("branch", b, "remote"));
    return Optional.of(new Facts(true, remotes, branch, tracking));
  }

  static Facts inspectWithJGit(Path dir) {
    IsolatedGitConfig.install();
    try (Repository repo =
        new FileRepositoryBuilder()
            .setGitDir(dir.resolve(".git").toFile())
            .setMustExist(true)
            .build()) {
      Map<String, String> remotes = new LinkedHashMap<>();
      for (String r : repo.getConfig().getSubsections("remote")) {
        remotes.put(r, redact(repo.getConfig().getString("remote", r, "url")));
      }
      String full = repo.getFullBranch();
      Optional<String> branch =
          full != null && full.startsWith("refs/heads/")
              ? Optional.of(repo.getBranch())
              : Optional.empty();
      Optional<String> tracking =
          branch.map(b -> new BranchConfig(repo.getConfig(), b).getRemote());
      return new Facts(true, remotes, branch, tracking);
    } catch (IOException e) {
      return new Facts(false, Map.of(), Optional.empty(), Optional.empty());
    }
  }

  /** URLs are shown, but never with credentials someone put into them. */
  static String redact(String url) {
    return url == null ? "" : url.replaceAll("://[^/@]*@", "://***@");
  }
}
