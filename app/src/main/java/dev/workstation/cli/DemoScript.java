package dev.workstation.cli;

import dev.workstation.git.IsolatedGitConfig;
import dev.workstation.host.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The whole lifecycle on the embedded example, run inside the disposable sandbox that {@code
 * workstation demo} builds (a private mount namespace: overlays on /etc and /var, tmpfs on /home
 * and /run). Every step is the real CLI against real repositories, accounts and homes.
 */
final class DemoScript {
  static final PersonIdent ADMIN = new PersonIdent("Demo Admin", "demo-admin@example.org");
  private final Path dir;
  private final PrintStream out;
  private final List<String> account = new ArrayList<>();

  DemoScript(Path dir, PrintStream out) {
    this.dir = dir;
    this.out = out;
  }

  public int run() throws Exception {
    IsolatedGitConfig.install();
    heading("workstation demo — the whole lifecycle in a disposable sandbox");
    out.println(
        "sandbox: a private mount namespace; /etc and /var are overlays, /home and /run are tmpfs.");
    out.println(
        "         Accounts, homes and state made here vanish with it; the host is untouched.");
    String cryptNote = fixtures();
    out.println(
        "fixtures in "
            + dir
            + ": a roster repo with roster/roster.example.yaml, an infra repo "
            + cryptNote
            + ",");
    out.println(
        "          a tripit repo, a Config base with skills/rules/CLAUDE.md, the session launcher.");

    step("1. plan — what reconcile would do on the example roster (exit 2: changes pending)");
    int plan = cli("plan");
    step(
        "2. reconcile — accounts, locked infra clones, links, launchers, kubeconfig-less (no kube: section), surfaces");
    int first = cli("reconcile");
    record(first == 0, "first reconcile converged every user (exit " + first + ")");
    String locked = "emo's ~/code is a git-crypt-locked clone: secrets stay ciphertext";
    if (gitCryptInstalled()) {
      record(isCipher("/home/emo/code/secrets/vault.env"), locked);
    } else {
      skip(locked, "git-crypt is not installed, so the fixture's secrets are plaintext");
    }

    step("3. status — users × facets at a glance");
    cli("status");

    step(
        "4. an admin commits code_layout: workspace for emo (with repos: [tripit]) — reconcile migrates ~/code");
    commitRosterEdit(
        text ->
            text.replace(
                "emo: {authentik_user: emil.barzin, k8s_user: emo, tier: power-user}",
                "emo: {authentik_user: emil.barzin, k8s_user: emo, tier: power-user, code_layout: workspace, repos: [tripit]}"),
        "roster: emo switches to the workspace layout\n\nReason: emo starts on tripit\n");
    int migrate = cli("reconcile");
    record(
        migrate == 0 && Files.isDirectory(Path.of("/home/emo/code/infra/.git")),
        "emo's old ~/code is now ~/code/infra (moved by rename, nothing lost)");
    record(
        Files.isDirectory(Path.of("/home/emo/code/tripit/.git")),
        "tripit was cloned beside it as emo");

    step("5. park emo, then offboard ancamilea — audited commits, reconciled at once");
    int park = cli("park", "emo", "--reason", "demo: on leave");
    int off = cli("offboard", "ancamilea", "--reason", "demo: left the team");
    record(park == 0 && off == 0, "park and offboard committed and applied");
    record(
        new ProcessRunner()
            .run(List.of("chage", "-l", "ancamilea"))
            .stdout()
            .contains("Jan 01, 1970"),
        "ancamilea is cut: password locked, account expired; her files are still there");

    step("6. final reconcile — a converged host plans nothing");
    cli("reconcile");
    int finalPlan = cli("plan");
    record(finalPlan == 0, "plan after the lifecycle: nothing to do (exit " + finalPlan + ")");
    record(plan == 2, "the very first plan showed pending changes (exit " + plan + ")");

    heading("what happened");
    account.forEach(out::println);
    // the host-side checks (sentinel processes, account files) and the verdict follow from outside
    return account.stream().allMatch(l -> l.startsWith("  ok") || l.startsWith("  skip")) ? 0 : 1;
  }

  private int cli(String... args) {
    List<String> all = new ArrayList<>(List.of("--config=" + dir.resolve("workstation.yaml")));
    all.addAll(List.of(args));
    out.println("$ workstation " + String.join(" ", args));
    int code = Main.run(all.toArray(String[]::new));
    out.println("  (exit " + code + ")");
    return code;
  }

  private void record(boolean ok, String what) {
    account.add((ok ? "  ok    " : "  FAIL  ") + what);
  }

  /** A check that cannot be made on this machine: not a failure, and the reason is said. */
  private void skip(String what, String why) {
    account.add("  skip  " + what + " (skipped: " + why + ")");
  }

  /** git and git-crypt on the PATH the demo was started with (the admin's, not our clean one). */
  static boolean gitCryptInstalled() {
    return DoctorCommand.onPath("git").isPresent() && DoctorCommand.onPath("git-crypt").isPresent();
  }

  private void heading(String s) {
    out.println();
    out.println("== " + s + " ==");
  }

  private void step(String s) {
    out.println();
    out.println("-- " + s);
  }

  private static boolean isCipher(String path) {
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      byte[] head = in.readNBytes(10);
      return new String(head, StandardCharsets.ISO_8859_1).equals("\0GITCRYPT\0");
    } catch (IOException e) {
      return false;
    }
  }

  /** Builds the repositories and config; returns how the infra repo is locked. */
  private String fixtures() throws Exception {
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
    Path roster = dir.resolve("roster.git");
    Git.init()
        .setBare(true)
        .setInitialBranch("master")
        .setDirectory(roster.toFile())
        .call()
        .close();
    commitTo(
        roster,
        Map.of(
            "roster.yaml",
            resource("roster.example.yaml"),
            "managed-settings.json",
            resource("managed-settings.example.json")),
        "roster: the example roster");
    Files.writeString(
        dir.resolve("workstation.yaml"),
        String.join(
            "\n",
            "roster: {url: "
                + roster
                + ", branch: master, path: roster.yaml, managed_settings_path: managed-settings.json,",
            "         admins: [" + ADMIN.getEmailAddress() + "]}",
            "state_dir: /var/lib/workstation",
            "home_root: /home",
            "infra: {clone_url: "
                + dir.resolve("infra.git").toUri()
                + ", push_remote: forgejo, push_url: "
                + dir.resolve("infra.git").toUri()
                + ", branch: master}",
            "repos: {base_url: "
                + dir.resolve("repos").toUri().toString().replaceAll("/$", "")
                + "}",
            "config_base: {dir: " + base + "}",
            "managed_settings: {dest: /etc/claude-code/managed-settings.json}",
            "launcher: {source: " + dir.resolve("start-claude.sh") + "}",
            "units: {per_user: [t3-serve@], env_dir: /etc/t3-serve, port_pools: {t3: 3773}}",
            ""));
    new ProcessRunner().run(List.of("chmod", "-R", "a+rX", dir.toString())).check();
    for (String group :
        List.of("code-shared", "docker")) { // the example's admin tier groups, inside the sandbox
      new ProcessRunner().run(List.of("groupadd", "--force", group)).check();
    }
    return cryptNote;
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
    if (!gitCryptInstalled()) {
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

  private void commitTo(Path bare, Map<String, String> files, String message) throws Exception {
    Path work = Files.createTempDirectory(dir, "edit-");
    try (Git git =
        Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(work.toFile()).call()) {
      for (var e : files.entrySet()) {
        Files.writeString(work.resolve(e.getKey()), e.getValue());
        git.add().addFilepattern(e.getKey()).call();
      }
      git.commit().setMessage(message).setAuthor(ADMIN).setCommitter(ADMIN).call();
      git.push().add("HEAD:refs/heads/master").call();
    }
  }

  private void commitRosterEdit(java.util.function.UnaryOperator<String> edit, String message)
      throws Exception {
    Path work = Files.createTempDirectory(dir, "edit-");
    try (Git git =
        Git.cloneRepository()
            .setURI(dir.resolve("roster.git").toUri().toString())
            .setDirectory(work.toFile())
            .call()) {
      Path f = work.resolve("roster.yaml");
      Files.writeString(f, edit.apply(Files.readString(f)));
      git.add().addFilepattern("roster.yaml").call();
      git.commit().setMessage(message).setAuthor(ADMIN).setCommitter(ADMIN).call();
      git.push().call();
    }
  }

  static String resource(String name) throws IOException {
    try (InputStream in =
        DemoScript.class.getResourceAsStream("/dev/workstation/examples/" + name)) {
      if (in == null) {
        throw new IOException("missing embedded example " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
