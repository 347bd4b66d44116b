package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Repositories built by code with the real {@code git} and {@code git-crypt} (like JGit's test
 * harness: temp dirs, no committed binaries), isolated from root's git config.
 */
public final class Fixtures {
  private Fixtures() {}

  /** Runs real git (or git-crypt) in {@code dir} with no global/system config. */
  public static String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>();
    argv.add(args[0].equals("git-crypt") ? "git-crypt" : "git");
    for (int i = args[0].equals("git-crypt") ? 1 : 0; i < args.length; i++) {
      argv.add(args[i]);
    }
    ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_NAME", "Fixture");
    env.put("GIT_AUTHOR_EMAIL", "fixture@example.org");
    env.put("GIT_COMMITTER_NAME", "Fixture");
    env.put("GIT_COMMITTER_EMAIL", "fixture@example.org");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), () -> String.join(" ", argv) + " failed:\n" + out);
    return out;
  }

  /**
   * An infra monorepo whose {@code secrets/**} and {@code terraform.tfvars} are encrypted by
   * git-crypt; returns the bare repo. Its work tree (with the key) stays at {@code dir/infra-work}
   * so tests can add commits.
   */
  public static Path infraRepo(Path dir) throws IOException, InterruptedException {
    Path work = dir.resolve("infra-work");
    Files.createDirectories(work);
    git(work, "init", "-q", "-b", "master");
    git(work, "git-crypt", "init");
    Files.writeString(
        work.resolve(".gitattributes"),
        "secrets/** filter=git-crypt diff=git-crypt\nterraform.tfvars filter=git-crypt diff=git-crypt\n");
    Files.writeString(work.resolve("README.md"), "# infra\n");
    Files.createDirectories(work.resolve("secrets"));
    Files.writeString(work.resolve("secrets/vault.env"), "VAULT_TOKEN=s.plaintext-secret\n");
    Files.writeString(work.resolve("terraform.tfvars"), "db_password = \"plaintext-secret\"\n");
    Files.createDirectories(work.resolve("stacks/app"));
    Files.writeString(work.resolve("stacks/app/main.tf"), "resource \"x\" \"y\" {}\n");
    git(work, "add", "-A");
    git(work, "commit", "-q", "-m", "infra: initial");
    Path bare = dir.resolve("infra.git");
    git(dir, "clone", "-q", "--bare", work.toString(), bare.toString());
    git(work, "remote", "add", "origin", bare.toString());
    return bare;
  }

  /** Adds a commit to the infra repo (plaintext file) and pushes it to the bare repo. */
  public static void infraCommit(Path dir, String file, String content)
      throws IOException, InterruptedException {
    commit(dir, "infra", file, content);
  }

  /**
   * Adds a commit to fixture repo {@code name} (made by this class in {@code dir}) and pushes it.
   */
  public static void commit(Path dir, String name, String file, String content)
      throws IOException, InterruptedException {
    Path work = dir.resolve(name + "-work");
    Files.createDirectories(work.resolve(file).getParent());
    Files.writeString(work.resolve(file), content);
    git(work, "add", "-A");
    git(work, "commit", "-q", "-m", "update " + file);
    git(work, "push", "-q", "origin", "HEAD");
  }

  /** A plain repo with one commit, as a bare repo at {@code dir/<name>.git}. */
  public static Path plainRepo(Path dir, String name) throws IOException, InterruptedException {
    Path work = dir.resolve(name + "-work");
    Files.createDirectories(work);
    git(work, "init", "-q", "-b", "main");
    Files.writeString(work.resolve("README.md"), "# " + name + "\n");
    git(work, "add", "-A");
    git(work, "commit", "-q", "-m", name + ": initial");
    Path bare = dir.resolve(name + ".git");
    git(dir, "clone", "-q", "--bare", work.toString(), bare.toString());
    git(work, "remote", "add", "origin", bare.toString());
    return bare;
  }
}
