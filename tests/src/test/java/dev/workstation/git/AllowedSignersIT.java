package dev.workstation.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's verdict on real signed commits is git's: for every line shape ssh-keygen(1)
 * documents (principals lists, quotes, wildcards, {@code namespaces}, {@code valid-after}, {@code
 * valid-before}, {@code cert-authority} and its options, ECDSA and RSA keys, comments), each commit
 * — signed by a plain key, by a certificate, backdated, by a key nobody lists — is trusted by
 * {@link CommitSignatures} exactly when {@code git -c gpg.ssh.allowedSignersFile=F verify-commit}
 * says "Good signature for" a principal (exit 0). Keys from ssh-keygen, commits from the git CLI.
 */
class AllowedSignersIT {
  static final String ADMIN = "viktor@example.org";
  @TempDir static Path dir;
  static Path repoDir;
  static final Map<String, String> commits = new LinkedHashMap<>();
  static String admin;
  static String ca;
  static String ec;
  static String rsa;

  static String run(Map<String, String> env, String... argv) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(argv).directory(repoDir.toFile()).redirectErrorStream(true);
    pb.environment().put("HOME", dir.toString());
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", argv) + " failed: " + out);
    }
    return out;
  }

  static String keygen(String name, String... type) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ssh-keygen", "-q", "-N", "", "-C", name));
    argv.addAll(List.of(type));
    argv.addAll(List.of("-f", dir.resolve(name).toString()));
    run(Map.of(), argv.toArray(String[]::new));
    String[] pub = Files.readString(dir.resolve(name + ".pub")).strip().split(" ");
    return pub[0] + " " + pub[1];
  }

  /** A commit signed with {@code key} (a private key, or a certificate's .pub) at {@code date}. */
  static String commit(String name, String key, String date) throws Exception {
    Files.writeString(repoDir.resolve("f"), name + "\n");
    run(Map.of(), "git", "add", "f");
    Map<String, String> env =
        date == null ? Map.of() : Map.of("GIT_COMMITTER_DATE", date, "GIT_AUTHOR_DATE", date);
    run(
        env,
        "git",
        "-c",
        "user.name=v",
        "-c",
        "user.email=" + ADMIN,
        "-c",
        "gpg.format=ssh",
        "-c",
        "user.signingkey=" + key,
        "commit",
        "-q",
        "-S",
        "-m",
        name);
    return run(Map.of(), "git", "rev-parse", "HEAD").strip();
  }

  @BeforeAll
  static void keysAndCommits() throws Exception {
    repoDir = Files.createDirectory(dir.resolve("repo"));
    run(Map.of(), "git", "init", "-q");
    admin = keygen("admin", "-t", "ed25519");
    ec = keygen("ec", "-t", "ecdsa");
    rsa = keygen("rsa", "-t", "rsa", "-b", "3072");
    ca = keygen("ca", "-t", "ed25519");
    keygen("mallory", "-t", "ed25519");
    Path adminPub = dir.resolve("admin.pub");
    // a certificate for the admin's key, valid 2018-2099, and one valid 2018-2020
    run(
        Map.of(),
        "ssh-keygen",
        "-q",
        "-s",
        dir.resolve("ca").toString(),
        "-I",
        "viktor",
        "-n",
        ADMIN,
        "-V",
        "20180101:20990101",
        adminPub.toString());
    Files.copy(dir.resolve("admin-cert.pub"), dir.resolve("long-cert.pub"));
    run(
        Map.of(),
        "ssh-keygen",
        "-q",
        "-s",
        dir.resolve("ca").toString(),
        "-I",
        "viktor",
        "-n",
        ADMIN,
        "-V",
        "20180101:20200101",
        adminPub.toString());
    Files.copy(dir.resolve("admin-cert.pub"), dir.resolve("short-cert.pub"));
    Files.copy(dir.resolve("admin"), dir.resolve("long"));
    Files.copy(dir.resolve("admin"), dir.resolve("short"));
    Files.delete(dir.resolve("admin-cert.pub"));
    commits.put("plain", commit("plain", dir.resolve("admin").toString(), null));
    commits.put(
        "backdated", commit("backdated", dir.resolve("admin").toString(), "2019-06-01T00:00:00Z"));
    commits.put("ecdsa", commit("ecdsa", dir.resolve("ec").toString(), null));
    commits.put("rsa", commit("rsa", dir.resolve("rsa").toString(), null));
    commits.put("cert", commit("cert", dir.resolve("long-cert.pub").toString(), null));
    commits.put(
        "cert-backdated",
        commit("cert-backdated", dir.resolve("long-cert.pub").toString(), "2019-06-01T00:00:00Z"));
    commits.put(
        "short-cert-backdated",
        commit(
            "short-cert-backdated",
            dir.resolve("short-cert.pub").toString(),
            "2019-06-01T00:00:00Z"));
    commits.put("mallory", commit("mallory", dir.resolve("mallory").toString(), null));
  }

  /** Every line shape, one file each; %A the admin's key, %C the CA's, %E ECDSA, %R RSA. */
  static final List<String> SHAPES =
      List.of(
          ADMIN + " %A",
          "a@example.com," + ADMIN + " %A a comment after the key",
          "\"viktor the admin\" %A",
          "*@example.org %A",
          "  \t" + ADMIN + "\t%A",
          "# comments and blank lines\n\n" + ADMIN + " %A",
          ADMIN + " namespaces=\"git\" %A",
          ADMIN + " namespaces=\"file\" %A",
          ADMIN + " namespaces=\"file,g*\" %A",
          ADMIN + " namespaces=\"!git,*\" %A",
          ADMIN + " valid-after=\"20200101\" %A",
          ADMIN + " valid-after=\"20990101Z\" %A",
          ADMIN + " valid-before=\"20200101Z\" %A",
          ADMIN + " VALID-BEFORE=\"209901011200Z\",valid-after=\"20180101000000Z\" %A",
          "*@example.org cert-authority %C",
          "*@example.org cert-authority,valid-before=\"20990101\" %C\n" + ADMIN + " %A",
          "*@example.org cert-authority,valid-before=\"20200101Z\" %C",
          "*@example.org cert-authority,namespaces=\"git\",valid-after=\"20180101Z\" %C",
          "someone@example.org cert-authority %C",
          ADMIN + " cert-authority %A",
          ADMIN + " %C",
          ADMIN + " %E\n" + ADMIN + " %R",
          "# nobody");

  boolean gitSaysGood(Path signers, String commit) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                "git", "-c", "gpg.ssh.allowedSignersFile=" + signers, "verify-commit", commit)
            .directory(repoDir.toFile())
            .redirectErrorStream(true);
    pb.environment().put("HOME", dir.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor() == 0 && out.contains("Good \"git\" signature for ");
  }

  @Test
  void every_documented_line_shape_gives_gits_verdict_on_every_kind_of_signed_commit()
      throws Exception {
    List<String> differ = new ArrayList<>();
    int compared = 0;
    try (Repository repo =
            new FileRepositoryBuilder().setGitDir(repoDir.resolve(".git").toFile()).build();
        RevWalk rw = new RevWalk(repo)) {
      for (int i = 0; i < SHAPES.size(); i++) {
        String text =
            SHAPES
                    .get(i)
                    .replace("%A", admin)
                    .replace("%C", ca)
                    .replace("%E", ec)
                    .replace("%R", rsa)
                + "\n";
        Path f = Files.writeString(dir.resolve("signers-" + i), text);
        CommitSignatures ours = CommitSignatures.verifyingWith(f);
        for (var c : commits.entrySet()) {
          RevCommit commit = rw.parseCommit(ObjectId.fromString(c.getValue()));
          CommitSignatures.Check check = ours.check(repo, commit, () -> false);
          boolean git = gitSaysGood(f, c.getValue());
          compared++;
          if (check.trusted() != git) {
            differ.add(
                "line " + SHAPES.get(i) + " / " + c.getKey() + ": git " + git + ", ours " + check);
          }
        }
      }
    }
    assertEquals(List.of(), differ, "verdicts that differ from git's");
    assertEquals(SHAPES.size() * commits.size(), compared);
  }

  @Test
  void a_commit_not_yet_applied_is_judged_now_on_the_line_or_certificate_that_signed_it()
      throws Exception {
    try (Repository repo =
            new FileRepositoryBuilder().setGitDir(repoDir.resolve(".git").toFile()).build();
        RevWalk rw = new RevWalk(repo)) {
      // git (at the commit's date, 2019) says good for each; judged now, each is refused
      Map<String, String> cases =
          Map.of(
              ADMIN + " valid-before=\"20200101Z\" " + admin, "backdated",
              "*@example.org cert-authority,valid-before=\"20200101Z\" " + ca, "cert-backdated",
              "*@example.org cert-authority " + ca, "short-cert-backdated");
      int n = 0;
      for (var e : cases.entrySet()) {
        Path f = Files.writeString(dir.resolve("now-" + n++), e.getKey() + "\n");
        String id = commits.get(e.getValue());
        assertTrue(gitSaysGood(f, id), e.getKey());
        RevCommit commit = rw.parseCommit(ObjectId.fromString(id));
        CommitSignatures s = CommitSignatures.verifyingWith(f);
        assertTrue(s.check(repo, commit, () -> false).trusted(), "applied history: git's reading");
        CommitSignatures.Check now = s.check(repo, commit, () -> true);
        assertFalse(now.trusted(), e.getKey() + " vouched for a new backdated commit: " + now);
        assertTrue(
            now.why().contains("valid-before") && now.why().contains("judged now"), now.why());
      }
    }
  }
}
