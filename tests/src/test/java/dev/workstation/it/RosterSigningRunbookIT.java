package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/runbooks/roster-signing.md, run as written (issue 23, item 5): its shell blocks, in order,
 * each as the account its first line names — an admin whose account has nothing in it (no {@code
 * ~/.ssh}) and root on the devvm (the sandbox's {@code /etc} and {@code /var}) — against a roster
 * repository on the test git server whose trusted files were committed unsigned. Both trusted files
 * end up signed; git's {@code verify-commit} with the allowed-signers file (the runbook's own
 * check) and doctor agree, and a reconcile applies them.
 */
class RosterSigningRunbookIT extends SiteTest {
  static final Path RUNBOOK =
      Path.of(System.getProperty("workstation.repo", ".."), "docs/runbooks/roster-signing.md");

  static List<String> blocks(String markdown, String lang) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("```" + lang + "\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void the_signing_runbook_works_as_written_from_a_bare_account() throws Exception {
    String md = Files.readString(RUNBOOK);
    List<String> sh = blocks(md, "sh");
    assertEquals(4, sh.size(), "steps 1, 2, 3 and the check");
    String yaml = blocks(md, "yaml").get(0);

    // before signatures: both trusted files committed, unsigned, on a server that needs a login
    roster.commit(RosterRepo.SETTINGS, TrustFixture.SETTINGS, "emo@example.org", "settings");
    roster.commit(RosterRepo.PATH, TrustFixture.ROSTER, "emo@example.org", "roster");
    GitHttpServer server =
        site.closeAfter(
            new GitHttpServer()
                .serve("viktor/infra.git", roster.origin(), false)
                .user("viktor", "viktor-token", "viktor/infra.git")
                .user("workstation", "s3cret-token", "viktor/infra.git"));
    String url = server.url("viktor/infra.git");

    box.exec("useradd", "-m", "-s", "/bin/bash", "viktor").ok();
    assertNotEquals(0, box.asUser("viktor", "test -e ~/.ssh").code(), "a bare account");
    box.asUser(
            "viktor",
            "set -e; git clone -q "
                + url.replace("http://", "http://viktor:viktor-token@")
                + " ~/code/infra && cd ~/code/infra && git config user.name viktor"
                + " && git config user.email viktor@example.org")
        .ok();
    Path inbox = Files.createDirectory(box.dir().resolve("inbox")); // where the .pub arrives

    List<String> outputs = new ArrayList<>();
    for (String block : sh.subList(0, 3)) {
      outputs.add(run(block, inbox));
      if (block.contains("viktor-roster_signing.pub")
          && block.startsWith("# as the admin")) { // the admin sends their public key
        box.sh("cp /home/viktor/viktor-roster_signing.pub " + inbox).ok();
      }
    }
    assertTrue(
        outputs.get(2).contains("Good \"git\" signature for viktor@example.org"), outputs.get(2));

    // the config: the repository, plus the runbook's roster keys
    Path creds = box.dir().resolve("roster.git-credentials");
    Files.writeString(creds, url.replace("http://", "http://workstation:s3cret-token@") + "\n");
    String keys = yaml.substring(yaml.indexOf("roster:\n") + "roster:\n".length());
    box.write(
        "/etc/workstation/workstation.yaml",
        "roster:\n  url: "
            + url
            + "\n  branch: master\n  path: "
            + RosterRepo.PATH
            + "\n  managed_settings_path: "
            + RosterRepo.SETTINGS
            + "\n  credentials_file: "
            + creds
            + "\n"
            + keys
            + "state_dir: /var/lib/workstation\nhome_root: /home\n"
            + "managed_settings: {dest: /etc/claude-code/managed-settings.json}\n",
        "644");

    String check = run(sh.get(3), inbox);
    for (String line : List.of("roster signatures", "roster signing key", "roster fetch")) {
      assertTrue(check.matches("(?s).*OK +" + line + ".*"), line + " not OK:\n" + check);
    }
    assertTrue(check.contains(RosterRepo.PATH + ": last changed by"), check);
    assertTrue(check.contains(RosterRepo.SETTINGS + ": last changed by"), check);

    Sandbox.Result r = box.workstation("reconcile");
    assertEquals(0, r.code(), r.both());
    assertEquals(
        TrustFixture.SETTINGS + " ",
        box.exec("cat", "/etc/claude-code/managed-settings.json").ok().out(),
        "the signed settings are installed");
  }

  /** A block, as the account its first line names, stopping at the first failing command. */
  private String run(String block, Path inbox) {
    if (block.startsWith("# as the admin")) {
      return box.asUser("viktor", "set -e\n" + block).ok().out();
    }
    assertTrue(block.startsWith("# as root"), block);
    String workstation = String.join(" ", box.workstationArgv());
    return box.exec(
            List.of(
                "/bin/bash",
                "-ec",
                "workstation() { " + workstation + " \"$@\"; }\ncd " + inbox + "\n" + block),
            null)
        .ok()
        .out();
  }
}
