package dev.workstation.cli;

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
 * that points at all of it.
 */
final class DemoRepos {
  static final PersonIdent ADMIN = new PersonIdent("Demo Admin", "demo-admin@example.org");
  static final PersonIdent MEMBER = new PersonIdent("Mallory Member", "mallory@example.org");
  private final Path dir;

  DemoRepos(Path dir) {
    this.dir = dir;
  }

  Path roster() {
    return dir.resolve("roster.git");
  }

  private Path keys() {
    return dir.resolve("keys");
  }

  /** Builds everything; returns how the infra repo is locked (for the demo's opening lines). */
  String build() throws Exception {
    Path base = Files.createDirectories(dir.resolve("config-base"));
    Files.createDirectories(base.resolve("skills/review"));
    Files.writeString(
        base.resolve("skills/review/SKILL.md"), "# review\nShared skill from the Config base.\n");
    Files.createDirectories(base.resolve("rules"));
    Files.writeString(base.resolve("rules/house-style.md"), "Write the why in commit messages.\n");
    Files.writeString(base.resolve("CLAUDE.md"), "# Shared instructions\n");
    Files.writeString(dir.resolve("start-claude.sh"), resource("start-claude.sh"));
    String cryptNote = infraRepo(dir.resolve("infra.git"));
    plainRepo(dir.resolve("repos/tripit.git"), "README.md", "# tripit\n");
    Git.init()
        .setBare(true)
        .setInitialBranch("master")
        .setDirectory(roster().toFile())
        .call()
        .close();
    Files.writeString(dir.resolve("workstation.yaml"), siteConfig(base));
    new ProcessRunner().run(List.of("chmod", "-R", "a+rX", dir.toString())).check();
    signingKeys(); // after the chmod: private keys stay 0600
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

  private String siteConfig(Path base) {
    return String.join(
        "\n",
        "roster: {url: "
            + roster()
            + ", branch: master, path: roster.yaml, managed_settings_path: managed-settings.json,",
        "         allowed_signers: " + keys().resolve("allowed_signers") + ",",
        "         signing_key: " + keys().resolve("workstation") + "}",
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
        "units: {per_user: [t3-serve@], env_dir: /etc/t3-serve, port_pools: {t3: 3773}}",
        "");
  }

  /** The admin's key and the CLI's, made by ssh-keygen, both listed in allowed_signers. */
  private void signingKeys() throws Exception {
    Files.createDirectories(keys());
    StringBuilder allowed = new StringBuilder();
    for (String name : List.of("admin", "workstation")) {
      Path key = keys().resolve(name);
      new ProcessRunner()
          .run(
              List.of(
                  "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString()))
          .check();
      String[] pub = Files.readString(Path.of(key + ".pub")).strip().split(" ");
      allowed.append(name).append("@demo ").append(pub[0]).append(' ').append(pub[1]).append('\n');
    }
    Files.writeString(keys().resolve("allowed_signers"), allowed.toString());
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
              .setSigningKey(signed ? keys().resolve("admin").toString() : null)
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

  /** With git-crypt installed, a really encrypted infra repo; otherwise say so and carry on. */
  private String infraRepo(Path bare) throws Exception {
    Path work = dir.resolve("infra-work");
    Files.createDirectories(work.resolve("secrets"));
    Files.createDirectories(work.resolve("stacks/app"));
    Files.writeString(
        work.resolve(".gitattributes"),
        "secrets/** filter=git-crypt diff=git-crypt\nterraform.tfvars filter=git-crypt diff=git-crypt\n");
    Files.writeString(work.resolve("secrets/vault.env"), "VAULT_TOKEN=demo-plaintext\n");
    Files.writeString(work.resolve("terraform.tfvars"), "db_password = \"demo\"\n");
    Files.writeString(work.resolve("stacks/app/main.tf"), "resource \"demo\" \"app\" {}\n");
    ProcessRunner run = new ProcessRunner();
    if (!DemoScript.gitCryptInstalled()) {
      plainRepoFrom(work, bare);
      return "whose secrets are plaintext (git-crypt not installed; apt-get install git-crypt for the real thing)";
    }
    String env =
        "cd "
            + work
            + " && export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1"
            + " GIT_AUTHOR_NAME=demo GIT_AUTHOR_EMAIL=demo@example.org GIT_COMMITTER_NAME=demo GIT_COMMITTER_EMAIL=demo@example.org && ";
    run.run(
            List.of(
                "sh",
                "-c",
                env
                    + "git init -q -b master && git-crypt init && git add -A && git commit -q -m 'infra: initial'"
                    + " && git clone -q --bare . "
                    + bare))
        .check();
    return "(secrets/ and terraform.tfvars encrypted with git-crypt)";
  }

  private void plainRepoFrom(Path work, Path bare) throws Exception {
    try (Git git = Git.init().setInitialBranch("master").setDirectory(work.toFile()).call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("infra: initial").setAuthor(ADMIN).setCommitter(ADMIN).call();
    }
    Git.cloneRepository()
        .setBare(true)
        .setURI(work.toUri().toString())
        .setDirectory(bare.toFile())
        .call()
        .close();
  }

  private void plainRepo(Path bare, String file, String content) throws Exception {
    Path work = bare.resolveSibling(bare.getFileName() + "-work");
    Files.createDirectories(work);
    Files.writeString(work.resolve(file), content);
    plainRepoFrom(work, bare);
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
