package dev.workstation.cli;

import dev.workstation.fixtures.Fixtures;
import dev.workstation.fixtures.SigningKeys;
import dev.workstation.host.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The demo's fixtures, built for real in its directory: a Config base, a git-crypt-locked infra
 * repo, a tripit repo, and the roster repository signed by an admin whose throwaway SSH key comes
 * from ssh-keygen (its public key, and the CLI's, in an allowed-signers file), plus the site config
 * that points at all of it. The repositories and keys come from the builders the integration tests
 * use ({@link Fixtures}, {@link SigningKeys}).
 */
final class DemoRepos {
  static final PersonIdent ADMIN = new PersonIdent("Demo Admin", "demo-admin@example.org");
  static final PersonIdent MEMBER = new PersonIdent("Mallory Member", "mallory@example.org");
  private final Path dir;
  private SigningKeys keys;

  DemoRepos(Path dir) {
    this.dir = dir;
  }

  Path roster() {
    return dir.resolve("roster.git");
  }

  /**
   * Builds everything, with {@code units} as the site config's {@code units:} line; returns how the
   * infra repo is locked (for the demo's opening lines).
   */
  String build(String units) throws Exception {
    Path base = Files.createDirectories(dir.resolve("config-base"));
    Files.createDirectories(base.resolve("skills/review"));
    Files.writeString(
        base.resolve("skills/review/SKILL.md"), "# review\nShared skill from the Config base.\n");
    Files.createDirectories(base.resolve("rules"));
    Files.writeString(base.resolve("rules/house-style.md"), "Write the why in commit messages.\n");
    Files.writeString(base.resolve("CLAUDE.md"), "# Shared instructions\n");
    Files.writeString(dir.resolve("start-claude.sh"), resource("start-claude.sh"));
    // the same builders as the integration tests' fixtures (dev.workstation.fixtures)
    boolean locked = DemoScript.gitCryptInstalled();
    Fixtures.infraRepo(dir, locked);
    String cryptNote =
        locked
            ? "(secrets/ and terraform.tfvars encrypted with git-crypt)"
            : "whose secrets are plaintext (git-crypt not installed; apt-get install git-crypt for the real thing)";
    Fixtures.plainRepo(Files.createDirectories(dir.resolve("repos")), "tripit");
    Git.init()
        .setBare(true)
        .setInitialBranch("master")
        .setDirectory(roster().toFile())
        .call()
        .close();
    new ProcessRunner().run(List.of("chmod", "-R", "a+rX", dir.toString())).check();
    keys = SigningKeys.create(dir); // after the chmod: private keys stay 0600
    Files.writeString(dir.resolve("workstation.yaml"), siteConfig(base, units)); // 0644, keys named
    commit(
        Map.of(
            "roster.yaml",
            resource("roster.example.yaml"),
            "managed-settings.json",
            resource("managed-settings.example.json")),
        "roster: the example roster",
        ADMIN,
        true);
    for (String group : List.of("code-shared", "docker")) { // the example's admin tier groups
      new ProcessRunner().run(List.of("groupadd", "--force", group)).check();
    }
    return cryptNote;
  }

  private String siteConfig(Path base, String units) {
    return String.join(
        "\n",
        "roster: {url: "
            + roster()
            + ", branch: master, path: roster.yaml, managed_settings_path: managed-settings.json,",
        "         allowed_signers: " + keys.allowedSigners() + ",",
        "         signing_key: " + keys.cli() + "}",
        "state_dir: /var/lib/workstation",
        "home_root: /home",
        "infra: {clone_url: "
            + dir.resolve("infra.git").toUri()
            + ", push_remote: forgejo, push_url: "
            + dir.resolve("infra.git").toUri()
            + ", branch: master}",
        "repos: {base_url: " + dir.resolve("repos").toUri().toString().replaceAll("/$", "") + "}",
        "config_base: {dir: " + base + "}",
        "managed_settings: {dest: /etc/claude-code/managed-settings.json}",
        "launcher: {source: " + dir.resolve("start-claude.sh") + "}",
        units,
        "");
  }

  /** Writes {@code files} and commits them as {@code who}, signed with the admin's key or not. */
  String commit(Map<String, String> files, String message, PersonIdent who, boolean signed)
      throws Exception {
    Path work = Files.createTempDirectory(dir, "edit-");
    try (Git git =
        Git.cloneRepository()
            .setURI(roster().toUri().toString())
            .setDirectory(work.toFile())
            .call()) {
      for (var e : files.entrySet()) {
        Files.writeString(work.resolve(e.getKey()), e.getValue());
        git.add().addFilepattern(e.getKey()).call();
      }
      Config ssh = new Config();
      ssh.setString("gpg", null, "format", "ssh");
      String id =
          git.commit()
              .setMessage(message)
              .setAuthor(who)
              .setCommitter(who)
              .setSign(signed)
              .setGpgConfig(new GpgConfig(ssh))
              .setSigningKey(signed ? keys.admin().toString() : null)
              .call()
              .name();
      git.push().add("HEAD:refs/heads/master").call();
      return id;
    }
  }

  /** The committed text of {@code file} at the roster repository's head. */
  String committed(String file) throws Exception {
    Path work = Files.createTempDirectory(dir, "read-");
    try (Git git =
        Git.cloneRepository()
            .setURI(roster().toUri().toString())
            .setDirectory(work.toFile())
            .call()) {
      return Files.readString(work.resolve(file));
    }
  }

  static String resource(String name) throws IOException {
    try (InputStream in =
        DemoRepos.class.getResourceAsStream("/dev/workstation/examples/" + name)) {
      if (in == null) {
        throw new IOException("missing embedded example " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
