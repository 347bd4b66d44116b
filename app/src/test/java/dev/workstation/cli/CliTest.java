package dev.workstation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    CommandLine cli = Main.commandLine(args); // as main() builds it: only the subcommand named
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    cli.getOut().flush();
    cli.getErr().flush();
    return new Run(code, out.toString(), err.toString());
  }

  Path write(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  static final String NOCONF = "--config=/nonexistent/workstation.yaml";

  @Test
  void only_the_named_subcommand_is_registered_and_anything_else_gets_them_all() {
    assertEquals(
        Set.of("status"),
        Main.commandLine(new String[] {"--config", "x.yaml", "status"}).getSubcommands().keySet());
    assertEquals(
        Set.of("roster"),
        Main.commandLine(new String[] {"--json", "roster", "validate"}).getSubcommands().keySet());
    for (String[] args :
        new String[][] {
          {}, {"--help"}, {"statsu"}, {"generate-completion"}, {"generate-manpage"}
        }) {
      assertEquals(
          WorkstationCommand.SUBCOMMANDS.size(),
          Main.commandLine(args).getSubcommands().size(),
          String.join(" ", args));
    }
    Run typo = run("statsu");
    assertEquals(3, typo.code());
    assertTrue(typo.err().contains("Did you mean: workstation status"), typo.err());
  }

  @Test
  void validate_exits_0_on_a_valid_roster() throws Exception {
    Path f = write("r.yaml", "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin}\n");
    Run r = run("roster", "validate", f.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("valid (1 users)"));
  }

  @Test
  void validate_exits_3_and_prints_one_positioned_line_per_problem_without_a_stack_trace()
      throws Exception {
    Path f =
        write("r.yaml", "users:\n  a: {authentik_user: a, k8s_user: a, tier: boss, parked: yes}\n");
    Run r = run("roster", "validate", f.toString());
    assertEquals(3, r.code());
    assertTrue(r.err().contains(f + ":2:45: users.a.tier: 'boss' is not a tier"), r.err());
    assertTrue(r.err().contains(f + ":2:59: users.a.parked: must be true or false"), r.err());
    assertFalse(r.err().contains("\tat "), "stack trace leaked: " + r.err());
  }

  @Test
  void validate_with_json_prints_problems_as_json_on_stdout() throws Exception {
    Path f = write("r.yaml", "users:\n  a: {authentik_user: a, k8s_user: a, tier: boss}\n");
    Run r = run("--json", "roster", "validate", f.toString());
    assertEquals(3, r.code());
    assertTrue(r.out().contains("\"valid\": false"), r.out());
    assertTrue(r.out().contains("\"path\": \"users.a.tier\""), r.out());
  }

  @Test
  void a_missing_file_is_invalid_input_naming_the_file() {
    Run r = run("roster", "validate", "/nonexistent/roster.yaml");
    assertEquals(3, r.code());
    assertTrue(r.err().contains("/nonexistent/roster.yaml: file not found"), r.err());
  }

  @Test
  void a_usage_error_exits_3_not_2() {
    Run r = run("roster", "validate", "r.yaml", "--frobnicate");
    assertEquals(3, r.code());
    assertTrue(r.err().contains("--frobnicate"), r.err());
  }

  @Test
  void derive_ports_from_reads_each_pools_own_file_and_key() throws Exception {
    Path f =
        write(
            "r.yaml",
            "users:\n  wizard: {authentik_user: vb, k8s_user: w, tier: admin}\n"
                + "  emo: {authentik_user: em, k8s_user: emo, tier: power-user}\n");
    Path config =
        write(
            "w.yaml",
            "units:\n  port_pools:\n    t3: 3773\n"
                + "    playwright: {base: 8931, file: \"playwright-{user}.env\", key: PLAYWRIGHT_PORT}\n");
    Path env = Files.createDirectory(dir.resolve("pools"));
    Files.writeString(env.resolve("wizard.env"), "T3_PORT=3773\nPLAYWRIGHT_PORT=9999\n");
    Files.writeString(env.resolve("emo.env"), "T3_PORT=3774\n");
    Files.writeString(env.resolve("playwright-wizard.env"), "PLAYWRIGHT_PORT=8931\n");
    Files.writeString(env.resolve("playwright-emo.env"), "PLAYWRIGHT_PORT=8932\n");
    Run r =
        run(
            "--config",
            config.toString(),
            "roster",
            "derive",
            f.toString(),
            "--ports-from",
            env.toString(),
            "--json");
    assertEquals(0, r.code(), r.err());
    String playwright = r.out().substring(r.out().indexOf("\"playwright\": {"));
    playwright = playwright.substring(0, playwright.indexOf('}'));
    assertTrue(playwright.contains("\"emo\": 8932"), playwright);
    assertTrue(
        playwright.contains("\"wizard\": 8931"),
        "from playwright-wizard.env, not the stray key in wizard.env: " + playwright);
  }

  @Test
  void derive_without_json_prints_the_generated_maps_line_by_line() throws Exception {
    Path f =
        write(
            "r.yaml",
            "users:\n  a: {authentik_user: a1, k8s_user: a, tier: admin}\n"
                + "  b: {authentik_user: b1, k8s_user: b, tier: power-user}\n");
    Path site = write("ws.yaml", "home_root: /home\n");
    Run r = run("--config=" + site, "roster", "derive", f.toString());
    assertEquals(0, r.code(), r.err());
    assertFalse(r.out().contains("\\n"), r.out());
    assertTrue(r.out().contains("/etc/ttyd-user-map:\n#"), r.out());
    assertTrue(r.out().contains("\na1=a\nb1=b\n/etc/ttyd-admins:\n#"), r.out());
    // every generated file the surface facet declares, dispatch.json last
    assertTrue(r.out().contains("\na\n/etc/t3-serve/dispatch.json:\n{\"a1\":"), r.out());
  }

  @Test
  void derive_json_is_byte_identical_across_runs_and_reads_sticky_ports() throws Exception {
    Path f =
        write(
            "r.yaml",
            "users:\n  b: {authentik_user: bb, k8s_user: b, tier: admin}\n  a: {authentik_user: aa, k8s_user: a, tier: power-user}\n");
    Path env = Files.createDirectory(dir.resolve("env"));
    Files.writeString(env.resolve("b.env"), "OTHER=1\nT3_PORT=3800\n");
    Files.writeString(env.resolve("gone.env"), "T3_PORT=3773\n");
    Run first =
        run(
            NOCONF.replace("/nonexistent/workstation.yaml", "/dev/null/x"),
            "roster",
            "derive",
            f.toString(),
            "--ports-from",
            env.toString(),
            "--json");
    assertEquals(3, first.code(), "an explicit --config that does not exist is an error");
    Run a =
        run(
            "--config",
            dir.resolve("absent.yaml").toString(),
            "roster",
            "derive",
            f.toString(),
            "--json");
    assertEquals(3, a.code());
    Run one = run("roster", "derive", f.toString(), "--ports-from", env.toString(), "--json");
    Run two = run("roster", "derive", f.toString(), "--ports-from", env.toString(), "--json");
    assertEquals(0, one.code(), one.err());
    assertEquals(one.out(), two.out());
    assertTrue(one.out().contains("\"b\": 3800"), one.out());
    assertTrue(one.out().contains("\"a\": 3773"), one.out());
    assertTrue(
        one.out().indexOf("\"aa\": {") < one.out().indexOf("\"bb\": {"),
        "dispatch ordered by port");
  }

  @Test
  void add_and_remove_edit_the_file_and_refuse_leaving_it_untouched() throws Exception {
    String original =
        "# keep me\nusers:\n  a: {authentik_user: a, k8s_user: a, tier: admin}  # why\n";
    Path f = write("r.yaml", original);
    Run dup =
        run(
            "roster",
            "add",
            "a",
            "--tier",
            "admin",
            "--authentik-user",
            "x",
            "--k8s-user",
            "x",
            "--file",
            f.toString());
    assertEquals(3, dup.code());
    assertEquals(original, Files.readString(f));

    Run add =
        run(
            "roster",
            "add",
            "zed",
            "--tier",
            "namespace-owner",
            "--namespace",
            "z",
            "--authentik-user",
            "zed",
            "--k8s-user",
            "zed",
            "--file",
            f.toString());
    assertEquals(0, add.code(), add.err());
    assertEquals(
        original
            + "  zed: {authentik_user: zed, k8s_user: zed, tier: namespace-owner, namespaces: [z]}\n",
        Files.readString(f));

    String beforeNote = Files.readString(f);
    Run noted =
        run(
            "roster",
            "add",
            "yan",
            "--tier",
            "power-user",
            "--authentik-user",
            "yan",
            "--k8s-user",
            "yan",
            "--note",
            "2026-11-23 joined T3 Users",
            "--file",
            f.toString());
    assertEquals(0, noted.code(), noted.err());
    assertEquals(
        beforeNote
            + "  # 2026-11-23 joined T3 Users\n"
            + "  yan: {authentik_user: yan, k8s_user: yan, tier: power-user}\n",
        Files.readString(f));
    Run multiLine =
        run(
            "roster",
            "add",
            "xi",
            "--tier",
            "power-user",
            "--authentik-user",
            "xi",
            "--k8s-user",
            "xi",
            "--note",
            "a\nb",
            "--file",
            f.toString());
    assertEquals(3, multiLine.code(), multiLine.err());
    Run removeYan = run("roster", "remove", "yan", "--note", "x", "--file", f.toString());
    assertEquals(0, removeYan.code(), removeYan.err());

    Run badTier =
        run(
            "roster",
            "add",
            "y",
            "--tier",
            "boss",
            "--authentik-user",
            "y",
            "--k8s-user",
            "y",
            "--file",
            f.toString());
    assertEquals(3, badTier.code());
    assertTrue(badTier.err().contains("--tier: 'boss' is not a tier"), badTier.err());

    Run absent = run("roster", "remove", "nobody", "--note", "x", "--file", f.toString());
    assertEquals(3, absent.code());
    String beforeRemove = Files.readString(f);
    Run remove = run("roster", "remove", "zed", "--note", "left", "--file", f.toString());
    assertEquals(0, remove.code(), remove.err());
    String after = Files.readString(f);
    assertTrue(after.startsWith(original), after);
    assertTrue(after.contains(" removed zed: left\n  # zed: {"), after);
    assertEquals(beforeRemove.lines().count() + 1, after.lines().count());
  }

  @Test
  void version_and_help_work() {
    assertEquals(0, run("--version").code());
    assertTrue(run("--version").out().startsWith("workstation "));
    Run help = run("roster", "add", "--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("--authentik-user"));
  }

  @Test
  void top_level_help_gives_each_command_a_whole_first_sentence() {
    Run help = run("--help");
    assertEquals(0, help.code());
    String flat = help.out().replaceAll("\\s+", " ");
    for (CommandLine c : Main.commandLine().getSubcommands().values()) {
      var usage = c.getCommandSpec().usageMessage();
      if (usage.hidden()) {
        continue;
      }
      String summary = CommandList.summary(usage.description());
      assertTrue(summary.endsWith("."), c.getCommandName() + ": " + summary);
      assertTrue(
          flat.contains(" " + c.getCommandName() + " " + summary + " "),
          c.getCommandName() + "'s summary cut short in:\n" + help.out());
    }
    assertTrue(flat.contains("what the first reconcile would change."), help.out());
  }

  @Test
  void the_hidden_generators_answer_help_with_exit_0() {
    for (String cmd : new String[] {"generate-completion", "generate-manpage"}) {
      Run help = run(cmd, "--help");
      assertEquals(0, help.code(), cmd + ": " + help.err());
      assertTrue(help.out().startsWith("Usage: workstation " + cmd), help.out());
    }
  }

  @Test
  void the_man_page_lists_the_files_an_admin_looks_for_and_has_examples() {
    Run man = run("generate-manpage");
    assertEquals(0, man.code());
    String files = man.out().substring(man.out().indexOf(".SH FILES"));
    for (String f :
        new String[] {
          "/etc/workstation/allowed_signers",
          "/etc/workstation/signing_key",
          "/etc/workstation/vault\\-token",
          "/etc/claude\\-code/managed\\-settings.json",
          "/var/lib/prometheus/node\\-exporter/workstation.prom",
          "/usr/share/doc/workstation"
        }) {
      assertTrue(files.contains(".I " + f + "\n"), f + " missing from:\n" + files);
    }
    assertTrue(man.out().contains(".SH EXAMPLES\n"), man.out());
    assertTrue(man.out().contains("workstation plan \\-\\-diff\n"), man.out());
  }

  /** Every command of the whole CLI, depth first (help, completion and the man page see these). */
  static java.util.List<CommandLine> everyCommand(CommandLine cli) {
    java.util.List<CommandLine> out = new java.util.ArrayList<>(java.util.List.of(cli));
    for (CommandLine sub : cli.getSubcommands().values()) {
      out.addAll(everyCommand(sub));
    }
    return out;
  }

  @Test
  void every_option_and_parameter_a_person_can_see_has_a_description() {
    java.util.List<String> missing = new java.util.ArrayList<>();
    for (CommandLine c : everyCommand(Main.commandLine())) {
      var spec = c.getCommandSpec();
      if (spec.usageMessage().hidden()) {
        continue;
      }
      for (var o : spec.options()) {
        if (!o.hidden() && String.join("", o.description()).isBlank()) {
          missing.add(spec.qualifiedName() + " " + o.longestName());
        }
      }
      for (var p : spec.positionalParameters()) {
        if (!p.hidden() && String.join("", p.description()).isBlank()) {
          missing.add(spec.qualifiedName() + " " + p.paramLabel());
        }
      }
    }
    assertEquals(java.util.List.of(), missing);
  }

  @Test
  void park_says_force_is_for_unpark_only_and_unpark_has_it() {
    Run park = run("park", "--help");
    assertFalse(park.out().contains("--force"), park.out());
    assertTrue(run("unpark", "--help").out().contains("Unpark even over the capacity ceiling"));
  }

  @Test
  void completion_offers_tiers_layouts_and_the_hosts_users() {
    Run r = run("generate-completion");
    assertEquals(0, r.code(), r.err());
    String script = r.out();
    assertTrue(script.contains("(\"admin\" \"power-user\" \"namespace-owner\")"), script);
    assertTrue(script.contains("(\"single\" \"workspace\")"), script);
    assertFalse(script.contains(UserCandidates.MARKER), "the marker is replaced by a lookup");
    assertTrue(script.contains("$(_workstation_users)"), script);
    assertTrue(script.contains("function _workstation_users()"), script);
  }

  @Test
  void the_row_flags_tier_and_layout_parse_into_their_enums() {
    String[] args = {
      "onboard",
      "zed",
      "--tier",
      "power-user",
      "--layout",
      "workspace",
      "--authentik-user",
      "z",
      "--k8s-user",
      "z"
    };
    CommandLine cli = Main.commandLine(args);
    CommandLine.ParseResult parsed = cli.parseArgs(args);
    OnboardCommand onboard = (OnboardCommand) parsed.subcommand().commandSpec().userObject();
    assertEquals(dev.workstation.roster.Tier.POWER_USER, onboard.row.tier);
    assertEquals(dev.workstation.roster.CodeLayout.WORKSPACE, onboard.row.layout);
  }

  @Test
  void a_layout_outside_the_set_is_invalid_input_naming_the_flag() throws Exception {
    Path f = write("roster.yaml", "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin}\n");
    Run r =
        run(
            "roster",
            "add",
            "y",
            "--tier",
            "admin",
            "--layout",
            "flat",
            "--authentik-user",
            "y",
            "--k8s-user",
            "y",
            "--file",
            f.toString());
    assertEquals(3, r.code());
    assertEquals(
        "command line: --layout: 'flat' is not a layout; use single or workspace\n"
            + "1 problem; nothing was changed.\n",
        r.err());
  }

  @Test
  void the_unused_verbose_option_is_gone() {
    assertEquals(3, run("-v", "status").code());
    assertFalse(run("--help").out().contains("--verbose"));
  }
}
