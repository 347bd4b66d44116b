package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Config inheritance, the managed layer, the launcher, surfaces and generated maps — sandboxed. */
class ConfigSurfacesIT extends SiteTest {
  static final String MANAGED = "scripts/workstation/managed-settings.json";

  Path base;
  Path systemdRoot;
  String config;

  @BeforeEach
  void setUp() throws Exception {
    base = box.dir().resolve("base");
    Files.createDirectories(base.resolve("skills/a"));
    Files.createDirectories(base.resolve("skills/b"));
    Files.createDirectories(base.resolve("rules"));
    Files.createDirectories(base.resolve("agents"));
    Files.writeString(base.resolve("skills/a/SKILL.md"), "a\n");
    Files.writeString(base.resolve("skills/b/SKILL.md"), "b\n");
    Files.writeString(base.resolve("rules/r.md"), "rule\n");
    Files.writeString(base.resolve("agents/g.md"), "agent\n");
    Files.writeString(base.resolve("CLAUDE.md"), "shared\n");
    box.sh("chmod -R a+rX " + base).ok();
    systemdRoot = box.dir().resolve("systemd-root");
    SystemdRoot.create(systemdRoot).templates("t3-serve@.service");
    Path launcher =
        Path.of(System.getProperty("workstation.repo", ".."))
            .resolve("managed-config/start-claude.sh");
    String yaml =
        "roster:\n  url: "
            + roster.origin()
            + "\n  branch: master\n  path: "
            + RosterRepo.PATH
            + "\n  managed_settings_path: "
            + MANAGED
            + "\n"
            + "state_dir: /var/lib/workstation\nhome_root: /home\n"
            + "config_base:\n  dir: "
            + base
            + "\n  kinds: [skills, rules, agents, commands, hooks, CLAUDE.md]\n"
            + "managed_settings:\n  dest: /etc/claude-code/managed-settings.json\n"
            + "launcher:\n  source: "
            + launcher.toAbsolutePath().normalize()
            + "\n"
            + "units:\n  per_user: [t3-serve@]\n  env_dir: /etc/t3-serve\n  port_pools: {t3: 3773}\n"
            + "metrics:\n  textfile_dir: /var/lib/node-exporter\n";
    Files.writeString(box.dir().resolve("workstation.yaml"), yaml);
    config = site.use(box.dir().resolve("workstation.yaml"));
    roster.commit(
        MANAGED,
        "{\"env\": {\"DISABLE_TELEMETRY\": \"1\"}}\n",
        "viktor@example.org",
        "managed settings");
  }

  Sandbox.Result ws(String... args) {
    List<String> all = new ArrayList<>(List.of("--config=" + config));
    all.addAll(List.of(args));
    return box.workstationWith(TestPorts.systemctlRoot(systemdRoot), all.toArray(String[]::new));
  }

  String link(String path) {
    return box.exec("readlink", path).out().strip();
  }

  /**
   * SPEC §6.4: a link is applied only when its user can follow it. The base in the admin's home at
   * 0700 (the original's own setup) left a user without ~/.claude/rules while link-config said
   * "applied", the next plan said "Nothing to do" and doctor said nothing.
   */
  @Test
  void a_base_in_the_admins_0700_home_fails_the_user_names_the_remedy_and_doctor_sees_it()
      throws Exception {
    Path yaml = box.dir().resolve("workstation.yaml");
    Files.writeString(
        yaml, Files.readString(yaml).replace("dir: " + base + "\n", "dir: /home/wizard/.claude\n"));
    site.adminGroups();
    roster.commitRoster(
        "users:\n  wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}\n"
            + "  emo: {authentik_user: emil, k8s_user: emo, tier: power-user}\n");
    // the admin's account and Config base first (the example's own path: a placeholder until it
    // exists), their home at 0700 as the product makes homes
    box.exec("useradd", "-m", "-s", "/bin/bash", "wizard").ok();
    box.exec("chmod", "700", "/home/wizard").ok();
    box.asUser("wizard", "mkdir -p ~/.claude/rules && echo rule > ~/.claude/rules/style.md").ok();

    Sandbox.Result r = ws("reconcile");
    assertEquals(1, r.code(), r.both());
    assertTrue(
        r.out().contains("FAILED emo: ") && r.out().contains("cannot be reached as emo"), r.out());
    assertTrue(r.out().contains("chmod o+x /home/wizard"), r.out());
    assertTrue(r.out().contains("user=emo action=link-config result=failed"), r.out());
    Sandbox.Result plan = ws("plan");
    assertEquals(2, plan.code(), plan.both());
    assertFalse(plan.out().contains("Nothing to do."), plan.out());
    assertTrue(plan.out().contains("will fail: the Config base /home/wizard/.claude"), plan.out());
    Sandbox.Result doctor = ws("doctor");
    assertTrue(
        doctor
            .out()
            .lines()
            .anyMatch(
                l -> l.contains("config base") && l.contains("/home/wizard is not searchable")),
        doctor.out());

    box.exec("chmod", "711", "/home/wizard").ok();
    ws("reconcile").ok();
    assertEquals(
        "rule", box.asUser("emo", "cat ~/.claude/rules/style.md").ok().out().strip(), "followed");
    assertEquals(0, ws("plan").code(), "converged");
  }

  @Test
  void a_new_user_inherits_the_config_base_live_and_keeps_their_own_entries() throws Exception {
    roster.commitRoster("users:\n  emo: {authentik_user: emil, k8s_user: emo, tier: power-user}\n");
    Sandbox.Result r = ws("reconcile");
    assertEquals(0, r.code(), r.both());
    assertEquals(
        "directory",
        box.exec("stat", "-c", "%F", "/home/emo/.claude/skills").ok().out().strip(),
        "a real directory");
    assertEquals(base.resolve("skills/a").toString(), link("/home/emo/.claude/skills/a"));
    assertEquals(base.resolve("skills/b").toString(), link("/home/emo/.claude/skills/b"));
    assertEquals(base.resolve("rules/r.md").toString(), link("/home/emo/.claude/rules/r.md"));
    assertEquals(base.resolve("agents/g.md").toString(), link("/home/emo/.claude/agents/g.md"));
    assertEquals(base.resolve("CLAUDE.md").toString(), link("/home/emo/.claude/CLAUDE.md"));
    assertEquals(
        "emo", box.exec("stat", "-c", "%U", "/home/emo/.claude/skills").ok().out().strip());
    assertTrue(
        box.exec("grep", "-q", "managed-by: workstation", "/home/emo/start-claude.sh").code() == 0,
        "launcher deployed");
    String metrics = box.exec("cat", "/var/lib/node-exporter/workstation.prom").ok().out();
    assertTrue(metrics.contains("workstation_last_run_timestamp_seconds "), metrics);
    assertTrue(
        metrics.contains("workstation_actions{kind=\"create-account\",result=\"applied\"} 1"),
        metrics);
    for (String line : metrics.split("\n")) {
      assertTrue(
          line.startsWith("#")
              || dev.workstation.metrics.TextfileMetrics.SAMPLE.matcher(line).matches(),
          line);
    }

    box.asUser("emo", "mkdir -p ~/.claude/skills/mine && echo me > ~/.claude/skills/mine/SKILL.md")
        .ok();
    box.sh("rm -rf " + base.resolve("skills/b")).ok();
    ws("reconcile").ok();
    assertEquals(
        "", link("/home/emo/.claude/skills/b"), "our link to a removed base entry is pruned");
    assertEquals(
        "me",
        box.exec("cat", "/home/emo/.claude/skills/mine/SKILL.md").ok().out().strip(),
        "the user's own skill stays");

    box.sh("mkdir -p " + base.resolve("skills/c") + " && chmod a+rx " + base.resolve("skills/c"))
        .ok();
    Sandbox.Result s =
        box.asUser(
            "emo",
            String.join(
                " ", box.workstationArgv("--config=" + config, "session-start", "--timeout", "3")));
    assertEquals(0, s.code(), s.both());
    assertEquals(
        base.resolve("skills/c").toString(),
        link("/home/emo/.claude/skills/c"),
        "session-start links a new base skill");
    assertEquals(0, ws("plan").code(), "converged");
  }

  @Test
  void a_pre_existing_users_own_claude_files_are_byte_identical_after_reconcile() throws Exception {
    box.exec("useradd", "-m", "-s", "/bin/bash", "anca").ok();
    box.asUser(
            "anca",
            "mkdir -p ~/.claude && echo 'my own rules' > ~/.claude/CLAUDE.md && echo '{\"k\":1}' > ~/.claude.json"
                + " && echo '{\"token\":\"x\"}' > ~/.claude/.credentials.json && echo '{}' > ~/.claude/settings.json")
        .ok();
    String before =
        box.fingerprint(
            "/home/anca/.claude/CLAUDE.md",
            "/home/anca/.claude.json",
            "/home/anca/.claude/.credentials.json",
            "/home/anca/.claude/settings.json");
    roster.commitRoster(
        "users:\n  anca: {authentik_user: anca98, k8s_user: anca, tier: namespace-owner, namespaces: [pb]}\n");
    Sandbox.Result r = ws("reconcile");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().contains("~/.claude/CLAUDE.md is your own"), r.out());
    assertEquals(
        before,
        box.fingerprint(
            "/home/anca/.claude/CLAUDE.md",
            "/home/anca/.claude.json",
            "/home/anca/.claude/.credentials.json",
            "/home/anca/.claude/settings.json"));
    assertEquals(base.resolve("skills/a").toString(), link("/home/anca/.claude/skills/a"));
  }

  @Test
  void managed_settings_are_installed_0644_refused_when_secret_and_never_rewritten_unchanged()
      throws Exception {
    roster.commitRoster("users:\n  emo: {authentik_user: emil, k8s_user: emo, tier: power-user}\n");
    ws("reconcile").ok();
    String dest = "/etc/claude-code/managed-settings.json";
    assertEquals("644 root", box.exec("stat", "-c", "%a %U", dest).ok().out().strip());
    // nanosecond mtime and inode: a rewrite shows without waiting for the clock's next second
    String installed = box.exec("stat", "-c", "%y %i", dest).ok().out();
    ws("reconcile").ok();
    assertEquals(
        installed,
        box.exec("stat", "-c", "%y %i", dest).ok().out(),
        "unchanged content is not rewritten");

    roster.commit(
        MANAGED,
        "{\"env\": {\"ANTHROPIC_API_KEY\": \"sk-ant-api03-abcdefghijklmnopqrstuvwxyz\"}}\n",
        "viktor@example.org",
        "oops");
    Sandbox.Result refused = ws("reconcile");
    assertEquals(1, refused.code(), "kept back is a failure: " + refused.both());
    assertTrue(refused.out().contains("managed settings refused"), refused.out());
    assertFalse(refused.both().contains("sk-ant-api03"), "the secret is never echoed");
    assertTrue(
        box.exec("cat", dest).ok().out().contains("DISABLE_TELEMETRY"),
        "the installed copy is kept");

    roster.commit(
        MANAGED,
        "{\"env\": {\"DISABLE_TELEMETRY\": \"0\"}}\n",
        "viktor@example.org",
        "clean change");
    ws("reconcile").ok();
    assertTrue(box.exec("cat", dest).ok().out().contains("\"0\""));
    assertEquals("644", box.exec("stat", "-c", "%a", dest).ok().out().strip());
  }

  @Test
  void parking_disables_the_surface_keeps_port_and_env_and_unparking_restores_it()
      throws Exception {
    roster.commitRoster(
        "users:\n  emo: {authentik_user: emil, k8s_user: emo, tier: power-user}\n"
            + "  anca: {authentik_user: anca98, k8s_user: anca, tier: namespace-owner, namespaces: [pb]}\n");
    ws("reconcile").ok();
    Path wants = systemdRoot.resolve("etc/systemd/system/multi-user.target.wants");
    assertTrue(Files.isSymbolicLink(wants.resolve("t3-serve@emo.service")));
    box.sh("echo 'EXTRA=keep' >> /etc/t3-serve/emo.env").ok();
    String env = box.exec("cat", "/etc/t3-serve/emo.env").ok().out();
    assertTrue(env.contains("T3_PORT=3774"), env);
    assertEquals("600", box.exec("stat", "-c", "%a", "/etc/t3-serve/emo.env").ok().out().strip());
    assertTrue(box.exec("cat", "/etc/ttyd-user-map").ok().out().contains("emil=emo"));

    roster.commitRoster(
        "users:\n  emo: {authentik_user: emil, k8s_user: emo, tier: power-user, parked: true}\n"
            + "  anca: {authentik_user: anca98, k8s_user: anca, tier: namespace-owner, namespaces: [pb]}\n");
    Sandbox.Result parked = ws("reconcile");
    assertEquals(0, parked.code(), parked.both());
    assertTrue(
        parked
            .out()
            .contains("user=emo action=disable-unit unit=t3-serve@emo.service result=applied"),
        parked.out());
    assertFalse(
        Files.exists(
            wants.resolve("t3-serve@emo.service"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.isSymbolicLink(wants.resolve("t3-serve@anca.service")), "others untouched");
    assertEquals(
        env, box.exec("cat", "/etc/t3-serve/emo.env").ok().out(), "env file and port kept");

    roster.commitRoster(
        "users:\n  emo: {authentik_user: emil, k8s_user: emo, tier: power-user}\n"
            + "  anca: {authentik_user: anca98, k8s_user: anca, tier: namespace-owner, namespaces: [pb]}\n");
    ws("reconcile").ok();
    assertTrue(
        Files.isSymbolicLink(wants.resolve("t3-serve@emo.service")),
        "unparking restores the surface");
    assertTrue(box.exec("cat", "/etc/t3-serve/emo.env").ok().out().contains("T3_PORT=3774"));

    roster.commitRoster(
        "users:\n  anca: {authentik_user: anca98, k8s_user: anca, tier: namespace-owner, namespaces: [pb]}\n");
    ws("reconcile").ok();
    String map = box.exec("cat", "/etc/ttyd-user-map").ok().out();
    assertFalse(map.contains("emo"), "a user who left the roster disappears from the maps: " + map);
    assertFalse(box.exec("cat", "/etc/t3-serve/dispatch.json").ok().out().contains("emil"));
  }
}
