package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.fixtures.Fixtures;
import dev.workstation.input.JsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Taking over a box the original bash+Python provisioner ran, in the sandbox: its accounts (zsh),
 * its env files (a pool each, a legacy shared token, CRLF and comments), its maps and dispatch.json
 * in its own bytes, a locked infra clone wired to forgejo, and its per-user services and timers
 * enabled under {@code systemctl --root}. The first reconcile may change only what is intended.
 */
class AdoptionIT extends SiteTest {
  static final String TOKEN = "CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-legacy-shared-0123456789";
  static final String ORIGINAL_HEADER =
      "# Generated from roster.yaml by roster_engine.py \u2014 DO NOT EDIT BY HAND.\n"
          + "# <authentik_user>=<os_user>; consumed by t3-dispatch.\n";
  static final List<String> PER_USER =
      List.of("t3-serve@", "playwright-mcp@", "playwright-snapshot-refresh@.timer");
  static final String ROSTER =
      "users:\n"
          + "  # the admin, who ran the original provisioner\n"
          + "  wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}\n"
          + "  emo: {authentik_user: emil.barzin, k8s_user: emo, tier: power-user}\n"
          + "  anca:\n    authentik_user: ancaelena98\n    k8s_user: anca\n    tier: namespace-owner\n"
          + "    namespaces: [plotting-book]\n    code_layout: workspace\n";

  GitHttpServer server;
  SystemdRoot systemd;
  Path fixtures;
  boolean binOverlay;

  @BeforeEach
  void setUp(Site site) throws Exception {
    fixtures = Files.createDirectory(box.dir().resolve("fixtures"));
    Path infra = Fixtures.infraRepo(fixtures);
    server =
        site.closeAfter(
            new GitHttpServer()
                .serve("infra.git", infra, true)
                .serve("viktor/infra.git", infra, true));
    systemd =
        SystemdRoot.create(box.dir().resolve("systemd-root"))
            .templates(
                "t3-serve@.service",
                "playwright-mcp@.service",
                "playwright-snapshot-refresh@.timer",
                "playwright-snapshot-refresh@.service",
                "tl-t3-sync@.service");
  }

  /** The site config an admin writes for the switch (no default_shell: zsh by default). */
  String config(String pools) throws Exception {
    return SiteFixture.write(
            box.dir(),
            roster.origin().toString(),
            SiteFixture.infra(server)
                + "units:\n  per_user: ["
                + String.join(", ", PER_USER)
                + "]\n  env_dir: /etc/t3-serve\n  port_pools: "
                + pools
                + "\n  env_strip: [CLAUDE_CODE_OAUTH_TOKEN]\n")
        .toString();
  }

  static final String POOLS =
      "{t3: 3773, playwright: {base: 8931, file: \"playwright-{user}.env\", key: PLAYWRIGHT_PORT}}";

  Sandbox.Result ws(String config, String... args) {
    List<String> all = new ArrayList<>(List.of("--config=" + config));
    all.addAll(List.of(args));
    return box.workstationWith(TestPorts.systemctlRoot(systemd.dir()), all.toArray(String[]::new));
  }

  /**
   * zsh present or not, inside the sandbox only: an overlay on /usr/bin holds a stand-in (a script
   * that runs bash) or a whiteout. The product only needs the shell to be an executable path; the
   * host and CI need no zsh package, and both cases run on any machine.
   */
  void zsh(boolean installed) {
    if (!binOverlay) {
      Path up = box.dir().resolve(".bin-up");
      Path work = box.dir().resolve(".bin-work");
      box.sh(
              "mkdir -p "
                  + up
                  + " "
                  + work
                  + " && mount -t overlay overlay -o lowerdir=/usr/bin,upperdir="
                  + up
                  + ",workdir="
                  + work
                  + " /usr/bin")
          .ok();
      binOverlay = true;
    }
    box.sh(
            installed
                ? "printf '#!/bin/sh\\nexec /bin/bash \"$@\"\\n' > /usr/bin/zsh && chmod 755 /usr/bin/zsh"
                : "rm -f /usr/bin/zsh")
        .ok();
  }

  void file(String path, String content, String mode) throws Exception {
    Path tmp = Files.createTempFile(box.dir(), "f", ".tmp");
    Files.writeString(tmp, content);
    box.sh("install -D -m " + mode + " " + tmp + " " + path).ok();
  }

  /** The host as the original provisioner leaves it. */
  void originalHost() throws Exception {
    zsh(true);
    for (String u : List.of("wizard", "emo", "anca")) {
      box.exec("useradd", "-m", "-s", "/bin/zsh", u).ok();
      box.exec("passwd", "-l", u).ok();
      box.exec("chmod", "700", "/home/" + u).ok();
    }
    box.sh(
            "for g in code-shared docker sudo; do getent group $g >/dev/null || groupadd $g; done;"
                + " usermod -aG code-shared,docker,sudo wizard")
        .ok();
    file("/etc/t3-serve/wizard.env", "T3_PORT=3773\n" + TOKEN + "\n", "600");
    file(
        "/etc/t3-serve/emo.env",
        "# t3-serve for emo (hand note)\r\nT3_PORT=3774\r\n" + TOKEN + "\r\nEXTRA=kept\r\n",
        "600");
    // the swap the original's layout invites: sorted by name emo comes first, yet wizard is 8931
    file("/etc/t3-serve/playwright-wizard.env", "PLAYWRIGHT_PORT=8931\n", "600");
    file("/etc/t3-serve/playwright-emo.env", "PLAYWRIGHT_PORT=8932\n", "600");
    // a third user the original gave a browser port but (by accident) no surface file
    file("/etc/t3-serve/playwright-anca.env", "PLAYWRIGHT_PORT=8933\n", "600");
    // jq -r adds a newline after the engine's text, hence the blank last line
    file(
        "/etc/ttyd-user-map",
        ORIGINAL_HEADER + "vbarzin=wizard\nemil.barzin=emo\nancaelena98=anca\n\n",
        "644");
    file(
        "/etc/ttyd-admins",
        "# Generated from roster.yaml by roster_engine.py \u2014 DO NOT EDIT BY HAND.\n"
            + "# one admin os_user per line; read by the lobby's act-as switch.\nwizard\n\n",
        "644");
    file(
        "/etc/t3-serve/dispatch.json",
        "{\"ancaelena98\":{\"os_user\":\"anca\",\"port\":3775},"
            + "\"emil.barzin\":{\"os_user\":\"emo\",\"port\":3774},"
            + "\"vbarzin\":{\"os_user\":\"wizard\",\"port\":3773}}\n",
        "644");
    lockedClone("emo", "code");
    box.asUser("anca", "mkdir -p ~/code").ok();
    lockedClone("anca", "code/infra");
    for (String u : List.of("wizard", "emo", "anca")) {
      List<String> units = new ArrayList<>();
      for (String t : PER_USER) {
        units.add(instance(t, u));
      }
      systemd.enable(units.toArray(String[]::new));
    }
    systemd.enable("tl-t3-sync@emo.service"); // enabled by hand; not ours
    roster.commitRoster(ROSTER);
  }

  static String instance(String template, String user) {
    return template.endsWith(".timer")
        ? template.replace("@.timer", "@" + user + ".timer")
        : template + user + ".service";
  }

  /** A keyless, filter=cat infra clone wired to forgejo, as the original's functions make it. */
  void lockedClone(String user, String sub) {
    box.asUser(
            user,
            "git clone -q --no-checkout "
                + server.url("infra.git")
                + " ~/"
                + sub
                + " && cd ~/"
                + sub
                + " && git config filter.git-crypt.smudge cat && git config filter.git-crypt.clean cat"
                + " && git config filter.git-crypt.required false && git checkout -q master"
                + " && git remote add forgejo "
                + server.url("viktor/infra.git")
                + " && git fetch -q forgejo && git branch -q --set-upstream-to=forgejo/master master")
        .ok();
  }

  /** What the first reconcile must not rewrite: the pools' own files, the maps, dispatch.json. */
  static final String[] UNTOUCHED = {
    "/etc/t3-serve/playwright-wizard.env",
    "/etc/t3-serve/playwright-emo.env",
    "/etc/t3-serve/playwright-anca.env",
    "/etc/ttyd-user-map",
    "/etc/ttyd-admins",
    "/etc/t3-serve/dispatch.json"
  };

  String stat(String... paths) {
    List<String> argv = new ArrayList<>(List.of("stat", "-c", "%n %i %Y %a"));
    argv.addAll(List.of(paths));
    return box.exec(argv.toArray(String[]::new)).ok().out();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> findings(Map<String, Object> report, String user, String facet) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object f : (List<Object>) report.get("findings")) {
      Map<String, Object> m = (Map<String, Object>) f;
      if (m.get("user").equals(user) && m.get("facet").equals(facet)) {
        out.add(m);
      }
    }
    return out;
  }

  static Map<String, Object> one(Map<String, Object> report, String user, String facet) {
    List<Map<String, Object>> f = findings(report, user, facet);
    assertEquals(1, f.size(), user + " " + facet + ": " + f);
    return f.get(0);
  }

  @Test
  void the_first_reconcile_on_a_box_the_original_ran_changes_only_what_was_intended()
      throws Exception {
    originalHost();
    String config = config(POOLS);
    String untouched = stat(UNTOUCHED);
    String passwd = box.exec("getent", "passwd", "wizard", "emo", "anca").ok().out();

    Sandbox.Result check = ws(config, "--json", "adopt", "--check");
    assertEquals(2, check.code(), "intended changes only:\n" + check.both());
    Map<String, Object> report = JsonReader.object("adopt", check.out());
    Map<String, Object> summary = (Map<String, Object>) report.get("summary");
    assertEquals(0L, ((Number) summary.get("flagged")).longValue(), check.out());
    assertEquals("same", one(report, "wizard", "port t3").get("level"));
    assertTrue(
        one(report, "wizard", "port playwright").get("detail").toString().startsWith("8931"));
    assertTrue(one(report, "emo", "port playwright").get("detail").toString().startsWith("8932"));
    assertEquals("same", one(report, "emo", "port t3").get("level"));
    Map<String, Object> ancaT3 = one(report, "anca", "port t3");
    assertEquals("change", ancaT3.get("level"));
    assertTrue(ancaT3.get("detail").toString().contains("new port 3775"), ancaT3.toString());
    assertEquals("same", one(report, "wizard", "shell").get("level"));
    assertTrue(one(report, "wizard", "shell").get("detail").toString().startsWith("/bin/zsh"));
    for (String u : List.of("wizard", "emo", "anca")) {
      assertEquals("same", one(report, u, "home").get("level"), u + "'s home is left alone");
    }
    String wizardEnv = findings(report, "wizard", "env file").toString();
    assertTrue(wizardEnv.contains("strips CLAUDE_CODE_OAUTH_TOKEN (1 line)"), wizardEnv);
    assertFalse(check.both().contains("sk-ant-oat01"), "the token's value is never shown");
    assertTrue(
        one(report, "-", "/etc/ttyd-user-map")
            .get("detail")
            .toString()
            .startsWith("same entries, other formatting: kept as it is"));
    assertTrue(
        one(report, "-", "/etc/t3-serve/dispatch.json")
            .get("detail")
            .toString()
            .startsWith("identical bytes"));

    Sandbox.Result text = ws(config, "adopt", "--check");
    assertEquals(2, text.code(), text.both());
    assertTrue(
        text.out()
            .contains(
                "0 flagged (0 port moves, 0 shell changes, 0 unit changes, 0 home changes, 0 file"
                    + " rewrites)"),
        text.out());

    assertTrue(
        text.out()
            .lines()
            .anyMatch(l -> l.matches("  change +env file +/etc/t3-serve/wizard\\.env: .*")),
        "one finding a line:\n" + text.out());

    Sandbox.Result plan = ws(config, "plan");
    assertEquals(2, plan.code(), plan.both());
    List<String> actions =
        plan.out().lines().filter(l -> l.startsWith("  ")).map(String::strip).sorted().toList();
    assertEquals(3, actions.size(), plan.out());
    assertTrue(actions.get(0).startsWith("anca: write /etc/t3-serve/anca.env"), actions.get(0));
    assertTrue(actions.get(0).contains("T3_PORT=3775 (new)"), actions.get(0));
    assertTrue(
        actions.get(1).startsWith("emo: write /etc/t3-serve/emo.env")
            && actions.get(1).contains("T3_PORT=3774 (kept); strips CLAUDE_CODE_OAUTH_TOKEN"),
        actions.get(1));
    assertTrue(
        actions.get(2).startsWith("wizard: write /etc/t3-serve/wizard.env")
            && actions.get(2).contains("strips CLAUDE_CODE_OAUTH_TOKEN"),
        actions.get(2));

    Sandbox.Result applied = ws(config, "reconcile");
    assertEquals(0, applied.code(), applied.both());
    assertEquals("T3_PORT=3773\n", box.exec("cat", "/etc/t3-serve/wizard.env").ok().out());
    assertEquals(
        "# t3-serve for emo (hand note)\r\nT3_PORT=3774\r\nEXTRA=kept\r\n",
        box.exec("cat", "/etc/t3-serve/emo.env").ok().out(),
        "every other line kept byte for byte, CRLF included");
    assertEquals("T3_PORT=3775\n", box.exec("cat", "/etc/t3-serve/anca.env").ok().out());
    assertEquals("600", box.exec("stat", "-c", "%a", "/etc/t3-serve/anca.env").ok().out().strip());
    assertEquals(
        "",
        box.sh("grep -rl CLAUDE_CODE_OAUTH_TOKEN /etc/t3-serve || true").ok().out(),
        "the legacy token is gone from every env file");
    assertEquals(untouched, stat(UNTOUCHED), "ports, maps and dispatch.json are not rewritten");
    assertEquals(passwd, box.exec("getent", "passwd", "wizard", "emo", "anca").ok().out());
    for (String u : List.of("wizard", "emo", "anca")) {
      for (String t : PER_USER) {
        assertTrue(systemd.enabled(instance(t, u)), instance(t, u) + " stays enabled");
      }
    }

    Sandbox.Result again = ws(config, "plan");
    assertEquals(0, again.code(), again.both());
    assertTrue(again.out().contains("Nothing to do."), again.out());
    assertEquals(0, ws(config, "adopt", "--check").code(), "after the switch: nothing to adopt");
  }

  @Test
  void parking_and_cutting_disable_every_configured_service_and_timer_of_that_user()
      throws Exception {
    originalHost();
    String config = config(POOLS);
    assertEquals(0, ws(config, "reconcile").code()); // records the applied roster

    roster.commitRoster(ROSTER.replace("tier: power-user}", "tier: power-user, parked: true}"));
    Sandbox.Result parked = ws(config, "reconcile");
    assertEquals(0, parked.code(), parked.both());
    for (String t : PER_USER) {
      assertFalse(systemd.enabled(instance(t, "emo")), instance(t, "emo") + " disabled on park");
      assertTrue(systemd.enabled(instance(t, "wizard")), "others untouched");
    }
    assertTrue(systemd.enabled("tl-t3-sync@emo.service"), "a unit we do not manage is left alone");
    assertTrue(box.exec("cat", "/etc/t3-serve/emo.env").ok().out().contains("T3_PORT=3774"));

    roster.commitRoster(ROSTER.substring(0, ROSTER.indexOf("  anca:\n")));
    Sandbox.Result cut = ws(config, "reconcile");
    assertEquals(0, cut.code(), cut.both());
    assertTrue(cut.out().contains("user=anca action=cut-user result=applied"), cut.out());
    for (String t : PER_USER) {
      assertFalse(systemd.enabled(instance(t, "anca")), instance(t, "anca") + " disabled on cut");
    }
    assertTrue(box.exec("passwd", "-S", "anca").ok().out().split(" ")[1].startsWith("L"));
    assertEquals(
        "PLAYWRIGHT_PORT=8933\n",
        box.exec("cat", "/etc/t3-serve/playwright-anca.env").ok().out(),
        "a cut deletes nothing");
    assertEquals(0, ws(config, "plan").code(), "converged");
  }

  @Test
  void a_pool_pointed_at_the_wrong_file_is_flagged_before_any_port_moves() throws Exception {
    originalHost();
    // the mistake behind the swap: the short form reads PLAYWRIGHT_PORT from <user>.env
    String config = config("{t3: 3773, playwright: 8931}");
    Sandbox.Result check = ws(config, "--json", "adopt", "--check");
    assertEquals(1, check.code(), check.both());
    Map<String, Object> report = JsonReader.object("adopt", check.out());
    Map<String, Object> emo = one(report, "emo", "port playwright");
    assertEquals("moves-port", emo.get("flag"), emo.toString());
    assertTrue(
        emo.get("detail")
            .toString()
            .contains("PLAYWRIGHT_PORT=8932 is in /etc/t3-serve/playwright-emo.env"),
        emo.toString());
    Map<String, Object> wizard = one(report, "wizard", "port playwright");
    assertEquals("moves-port", wizard.get("flag"), wizard.toString());
    assertTrue(wizard.get("detail").toString().contains("would hand out 8933"), wizard.toString());
    String plan = ws(config, "plan").out();
    assertTrue(plan.contains("PLAYWRIGHT_PORT=8933 (new)"), "plan shows the same change:\n" + plan);
  }

  @Test
  void without_default_shell_a_new_account_gets_zsh_where_installed_and_bash_with_a_warning()
      throws Exception {
    roster.commitRoster("users:\n  zed: {authentik_user: zed, k8s_user: zed, tier: power-user}\n");
    String config = config(POOLS);
    zsh(false);
    Sandbox.Result without = ws(config, "plan");
    assertTrue(without.out().contains("create account zed ("), without.out());
    assertTrue(without.out().contains("shell /bin/bash"), without.out());
    assertTrue(
        without.out().contains("warning: zed: shell /bin/zsh is not installed here"),
        without.out());
    zsh(true);
    Sandbox.Result with = ws(config, "plan");
    assertTrue(with.out().contains("shell /bin/zsh"), with.out());
    assertFalse(with.out().contains("is not installed here"), with.out());
    Sandbox.Result created = ws(config, "reconcile", "--user", "zed");
    assertEquals(0, created.code(), created.both());
    assertTrue(box.exec("getent", "passwd", "zed").ok().out().strip().endsWith(":/bin/zsh"));
  }
}
