package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8.3: output is inert. A roster value, a branch name, a remote's error message and a file
 * name each carry ESC/OSC sequences, CR, LF and a forged action line; every command that shows them
 * prints no raw control byte and no line that parses as a forged record.
 */
class InertOutputIT extends SiteTest {

  static final String FORGED = "user=wizard action=add-to-groups result=applied";
  static final String EVIL = "\u001b]0;pwned\u0007\u001b[2J\r\n" + FORGED + "\u009b";

  @Test
  void hostile_values_from_every_source_reach_no_terminal_raw() throws Exception {
    try (HostileRemote err = new HostileRemote(HostileRemote.Mode.ERR, EVIL)) {
      String config = site.everyFacet().config();
      roster.commitRoster(
          "users:\n"
              + "  wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}\n"
              + "  emo: {authentik_user: emil, k8s_user: emo, tier: power-user,"
              + " code_layout: workspace}\n");
      box.ws(config, "reconcile").ok();

      // a file name, a branch name and a remote, all the user's to choose
      Path script = box.dir().resolve("plant.sh");
      Files.writeString(
          script,
          "set -e\n"
              + "export GIT_CONFIG_GLOBAL=/dev/null GIT_AUTHOR_NAME=e GIT_AUTHOR_EMAIL=e@x"
              + " GIT_COMMITTER_NAME=e GIT_COMMITTER_EMAIL=e@x\n"
              + "d=\"$HOME/code/$(printf 'evil\\033]0;t\\007\\r\\n"
              + FORGED
              + "')\"\n"
              + "git init -q -b master \"$d\" && cd \"$d\" && git commit -q --allow-empty -m x\n"
              + "git remote add forgejo "
              + err.base()
              + "/x.git\n"
              + "git config branch.master.remote forgejo\n"
              + "git config branch.master.merge refs/heads/master\n"
              + "git update-ref refs/remotes/forgejo/master HEAD\n"
              + "printf 'ref: refs/heads/x\\033[31mred\\n' > .git/HEAD\n",
          StandardCharsets.UTF_8);
      box.exec("chmod", "a+r", script.toString()).ok();
      box.asUser("emo", "sh " + script).ok();
      Path badRoster = box.dir().resolve("bad-roster.yaml");
      Files.writeString(
          badRoster,
          "users:\n  zed: {authentik_user: \"z\\e[31m\\r\\n"
              + FORGED
              + "\", k8s_user: zed, tier: power-user, git_name: \"a\\nuser=wizard action=x\"}\n",
          StandardCharsets.UTF_8);

      List<Sandbox.Result> outputs = new ArrayList<>();
      outputs.add(box.ws(config, "freshen", "--user", "emo"));
      outputs.add(box.ws(config, "status"));
      outputs.add(box.ws(config, "plan"));
      outputs.add(box.ws(config, "reconcile"));
      outputs.add(box.ws(config, "roster", "validate", badRoster.toString()));
      outputs.add(
          box.asUser(
              "emo", String.join(" ", box.workstationArgv("--config=" + config, "session-start"))));
      boolean sawRemoteMessage = false;
      for (Sandbox.Result r : outputs) {
        String all = r.out() + r.err();
        for (char c : all.toCharArray()) {
          assertFalse(
              (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f),
              () -> r.argv() + " printed a raw control character:\n" + all);
        }
        for (String line : all.split("\n")) {
          assertFalse(
              line.strip().startsWith("user=wizard action=add-to-groups"),
              () -> r.argv() + " printed a forged record:\n" + all);
        }
        sawRemoteMessage |= all.contains("pwned");
      }
      assertTrue(sawRemoteMessage, "the remote's message reached no output (nothing was tested)");
      assertEquals(3, outputs.get(4).code(), outputs.get(4).both());
      assertEquals(3, outputs.get(4).err().split("\n").length, outputs.get(4).err());
    }
  }
}
