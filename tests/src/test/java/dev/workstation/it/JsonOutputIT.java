package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.workstation.cli.Main;
import dev.workstation.fixtures.Fixtures;
import dev.workstation.input.JsonReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * SPEC §8.3 for scripts: {@code --json} escapes as JSON does, and more — a value a pusher or a user
 * chose reaches a script's terminal inert. A commit author's name (an unsigned push), a clone's
 * directory and branch names and a remote's error carry DEL, C1 (U+009B, a one-byte CSI), ESC and
 * bidi controls; every command that has {@code --json} runs, and its output holds none of them raw.
 */
class JsonOutputIT extends SiteTest {

  /** What a terminal acts on: DEL, C1 CSI, ESC, the bidi override, isolate and marks. */
  static final String EVIL = "x\u007f\u009b31m\u001b[2J\u202e\u2066\u200f\u061c";

  static final String ROSTER =
      """
      users:
        wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}
        emo: {authentik_user: emil, k8s_user: emo, tier: power-user, code_layout: workspace}
      """;

  @Test
  void every_command_with_json_escapes_del_c1_and_bidi_controls() throws Exception {
    TrustFixture f = TrustFixture.open(site, ROSTER);
    Path fixtures = Files.createDirectory(box.dir().resolve("fixtures"));
    Path repo = Fixtures.infraRepo(fixtures);
    GitHttpServer infra =
        site.closeAfter(
            new GitHttpServer()
                .serve("infra.git", repo, true)
                .serve("viktor/infra.git", repo, true));
    HostileRemote remote = site.closeAfter(new HostileRemote(HostileRemote.Mode.ERR, EVIL));
    Files.writeString(
        Path.of(f.config), Files.readString(Path.of(f.config)) + SiteFixture.infra(infra));
    f.ws("reconcile").ok();
    plantClone(remote);

    List<Sandbox.Result> outputs = new ArrayList<>();
    Set<String> ran = new TreeSet<>();
    // the lifecycle first: it refuses to commit on top of an untrusted change
    outputs.add(
        json(
            f,
            ran,
            "onboard",
            "zed",
            "--tier",
            "power-user",
            "--authentik-user",
            "zed",
            "--k8s-user",
            "zed"));
    outputs.add(json(f, ran, "park", "zed"));
    outputs.add(json(f, ran, "unpark", "zed"));
    outputs.add(json(f, ran, "offboard", "zed"));
    outputs.add(json(f, ran, "offboard", "--pending"));

    // a pusher's name as the author of an unsigned change
    String name = "mal" + EVIL;
    f.unsigned(RosterRepo.PATH, TrustFixture.GRANT, name + "@example.org");
    Path badRoster = box.dir().resolve("bad-roster.yaml");
    Files.writeString(
        badRoster,
        "users:\n  zed: {authentik_user: \"" + EVIL + "\", k8s_user: zed, tier: boss}\n",
        StandardCharsets.UTF_8);

    Sandbox.Result status = json(f, ran, "status");
    outputs.add(status);
    outputs.add(json(f, ran, "plan"));
    outputs.add(json(f, ran, "reconcile", "--dry-run"));
    outputs.add(json(f, ran, "reconcile"));
    outputs.add(json(f, ran, "freshen"));
    outputs.add(json(f, ran, "doctor"));
    outputs.add(json(f, ran, "adopt", "--check"));
    outputs.add(json(f, ran, "roster", "validate", badRoster.toString()));
    outputs.add(json(f, ran, "roster", "derive"));
    outputs.add(json(f, ran, "membership", "sync", "--dry-run"));
    outputs.add(
        box.asUser(
            "emo",
            "LC_ALL=C.UTF-8 "
                + String.join(
                    " ", box.workstationArgv("--config=" + f.config, "--json", "session-start"))));
    ran.add("session-start");
    outputs.add(
        box.asUser(
            "emo",
            "LC_ALL=C.UTF-8 "
                + String.join(
                    " ",
                    box.workstationArgv("--config=" + f.config, "--json", "claude-auth", "sync"))));
    ran.add("claude-auth");

    for (Sandbox.Result r : outputs) {
      String all = r.out() + r.err();
      all.codePoints()
          .forEach(
              c -> {
                if (!inert(c)) {
                  fail(r.argv() + " printed a raw U+" + String.format("%04X", c) + ":\n" + all);
                }
              });
    }
    // not vacuous: the author reached status --json (escaped), and reads back as it was written
    assertTrue(status.out().contains("\\u202e"), status.out());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> untrusted =
        (List<Map<String, Object>>)
            ((Map<String, Object>) JsonReader.object("status", status.out()).get("source"))
                .get("untrusted");
    assertTrue(
        String.valueOf(untrusted.get(0).get("author")).startsWith(name), untrusted.toString());
    assertTrue(
        outputs.stream().anyMatch(r -> r.out().contains("evil\\u009b")),
        "the clone's name reached no JSON output");
    assertEquals(commandsWithJson(), ran, "every command that has --json was run");
  }

  /** {@code workstation --json ARGS} at a UTF-8 terminal (a raw U+202E would show as itself). */
  private Sandbox.Result json(TrustFixture f, Set<String> ran, String... args) {
    ran.add(args[0]);
    List<String> all = new ArrayList<>(List.of("--config=" + f.config, "--json"));
    all.addAll(List.of(args));
    return box.workstationWithEnv(Map.of("LC_ALL", "C.UTF-8"), all.toArray(String[]::new));
  }

  /** emo's clone named and branched by emo, whose remote answers with control characters. */
  private void plantClone(HostileRemote remote) throws Exception {
    Path script = box.dir().resolve("plant.sh");
    Files.writeString(
        script,
        "set -e\n"
            + "export GIT_CONFIG_GLOBAL=/dev/null GIT_AUTHOR_NAME=e GIT_AUTHOR_EMAIL=e@x"
            + " GIT_COMMITTER_NAME=e GIT_COMMITTER_EMAIL=e@x\n"
            + "d=\"$HOME/code/$(printf 'evil\\302\\233\\177\\342\\200\\256')\"\n"
            + "git init -q -b master \"$d\" && cd \"$d\" && git commit -q --allow-empty -m x\n"
            + "git remote add forgejo "
            + remote.base()
            + "/x.git\n"
            + "git config branch.master.remote forgejo\n"
            + "git config branch.master.merge refs/heads/master\n"
            + "git update-ref refs/remotes/forgejo/master HEAD\n"
            + "printf 'ref: refs/heads/x\\302\\233\\342\\200\\256\\n' > .git/HEAD\n",
        StandardCharsets.UTF_8);
    box.exec("chmod", "a+r", script.toString()).ok();
    box.asUser("emo", "sh " + script).ok();
  }

  /** The commands a person can run (hidden ones and the demo's own sandbox aside). */
  static Set<String> commandsWithJson() {
    Set<String> out = new TreeSet<>();
    for (CommandLine c : Main.commandLine().getSubcommands().values()) {
      if (!c.getCommandSpec().usageMessage().hidden() && !c.getCommandName().equals("demo")) {
        out.add(c.getCommandName());
      }
    }
    return out;
  }

  /** Shown as itself: not C0 (but LF), DEL, C1, a line separator or a format character. */
  static boolean inert(int c) {
    if (c == '\n') {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE ->
          false;
      default -> true;
    };
  }
}
