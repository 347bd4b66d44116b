package dev.workstation.cli;

import dev.workstation.git.IsolatedGitConfig;
import dev.workstation.host.Executables;
import dev.workstation.host.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The whole lifecycle on the embedded example, run inside the disposable sandbox that {@code
 * workstation demo} builds (its PID 1 a real systemd where one could boot: {@link DemoUnits}).
 * Every step is the real CLI against real repositories, accounts, homes and units. A step is a
 * method (or a small class, as {@link DemoTrust}) that prints its heading, runs the CLI and records
 * what it checked in the {@link DemoReport} — or skips it, saying why this machine cannot show it;
 * {@link #lifecycle} lists the steps in order.
 */
final class DemoScript {
  private final Path dir;
  private final DemoRepos repos;
  private final PrintStream out;
  private final DemoReport r;
  private final DemoUnits units;

  /** The example roster's users, in its order. */
  static final List<String> USERS = List.of("wizard", "emo", "ancamilea", "pat");

  /**
   * @param withoutSystemd why the sandbox has no systemd, or null when its PID 1 is systemd
   */
  DemoScript(Path dir, PrintStream out, String withoutSystemd) {
    this.dir = dir;
    this.out = out;
    this.repos = new DemoRepos(dir);
    this.r = new DemoReport(dir.resolve("workstation.yaml"), out);
    this.units = new DemoUnits(withoutSystemd);
  }

  public int run() throws Exception {
    IsolatedGitConfig.install();
    opening();
    int plan = lifecycle();
    r.record(plan == 2, "the very first plan showed pending changes (exit " + plan + ")");
    r.heading("what happened");
    boolean ok = r.account();
    if (units.running()) {
      r.heading("per-user units, as the sandbox's systemd has them now");
      units.states(USERS).forEach((unit, state) -> out.printf("  %-28s %s%n", unit, state));
    }
    // the host-side checks (sentinel processes, account files, /tmp, cgroups) and the verdict
    // follow from outside
    return ok ? 0 : 1;
  }

  private void opening() throws Exception {
    r.heading("workstation demo — the whole lifecycle in a disposable sandbox");
    if (units.running()) {
      out.println(
          "sandbox: its own PID and mount namespaces with a real systemd as PID 1; /etc, /var and"
              + " /usr are");
      out.println(
          "         overlays, /home, /run and /tmp are tmpfs. Accounts, homes, units and state made"
              + " here");
      out.println("         vanish with it; the host is untouched.");
      units.install();
    } else {
      out.println(
          "sandbox: a private mount namespace; /etc and /var are overlays, /home and /run are tmpfs.");
      out.println(
          "         Accounts, homes and state made here vanish with it; the host is untouched.");
    }
    String cryptNote = repos.build(units.siteConfig(DemoUnits.freePortBase()));
    out.println(
        "fixtures in "
            + dir
            + ": a roster repo with roster/roster.example.yaml, signed by an admin (a throwaway");
    out.println(
        "          ssh-keygen key listed in allowed_signers), an infra repo " + cryptNote + ",");
    out.println(
        "          a tripit repo, a Config base with skills/rules/CLAUDE.md, the session launcher.");
    if (units.running()) {
      out.println(
          "          The site's per-user unit: docs/examples/t3-serve@.service, its ExecStart a"
              + " listener on the user's port.");
    }
  }

  /** The steps, in order; returns the very first plan's exit code. */
  private int lifecycle() throws Exception {
    r.step("1. plan — what reconcile would do on the example roster (exit 2: changes pending)");
    int plan = r.cli("plan");
    firstReconcile();
    r.step("3. status — users × facets at a glance");
    r.cli("status");
    DemoTrust.untrustedPush(repos, r);
    migrate();
    parkAndOffboard();
    r.step("7. final reconcile — a converged host plans nothing");
    r.cli("reconcile");
    int finalPlan = r.cli("plan");
    r.record(finalPlan == 0, "plan after the lifecycle: nothing to do (exit " + finalPlan + ")");
    DemoMembership.dryRun(dir, repos, r);
    return plan;
  }

  private void firstReconcile() throws Exception {
    r.step(
        "2. reconcile — accounts, locked infra clones, links, launchers, kubeconfig-less (no kube:"
            + " section), surfaces");
    int first = r.cli("reconcile");
    r.record(first == 0, "first reconcile converged every user (exit " + first + ")");
    String locked = "emo's ~/code is a git-crypt-locked clone: secrets stay ciphertext";
    if (gitCryptInstalled()) {
      r.record(isCipher("/home/emo/code/secrets/vault.env"), locked);
    } else {
      r.skip(locked, "git-crypt is not installed, so the fixture's secrets are plaintext");
    }
    String serving =
        "t3-serve@ is enabled and running under systemd for wizard, emo and ancamilea, each as"
            + " themselves, listening on their own port (pat is parked: not started)";
    if (units.running()) {
      r.record(
          units.serving("wizard")
              && units.serving("emo")
              && units.serving("ancamilea")
              && units.stopped("pat"),
          serving);
    } else {
      r.skip(serving, "systemd cannot boot in the sandbox here: " + units.reason());
    }
  }

  private void migrate() throws Exception {
    r.step(
        "5. the admin commits code_layout: workspace for emo (with repos: [tripit]), signed —"
            + " reconcile migrates ~/code");
    repos.commit(
        Map.of(
            "roster.yaml",
            repos
                .committed("roster.yaml")
                .replace(
                    "emo: {authentik_user: emil.barzin, k8s_user: emo, tier: power-user}",
                    "emo: {authentik_user: emil.barzin, k8s_user: emo, tier: power-user,"
                        + " code_layout: workspace, repos: [tripit]}")),
        "roster: emo switches to the workspace layout\n\nReason: emo starts on tripit\n",
        DemoRepos.ADMIN,
        true);
    int migrate = r.cli("reconcile");
    r.record(
        migrate == 0 && Files.isDirectory(Path.of("/home/emo/code/infra/.git")),
        "emo's old ~/code is now ~/code/infra (moved by rename, nothing lost)");
    r.record(
        Files.isDirectory(Path.of("/home/emo/code/tripit/.git")),
        "tripit was cloned beside it as emo");
  }

  private void parkAndOffboard() throws Exception {
    r.step(
        "6. park emo, then offboard ancamilea (logged in right now) — audited commits signed with"
            + " roster.signing_key, reconciled at once");
    List<String> before = units.running() ? sessionOf("ancamilea") : List.of();
    int park = r.cli("park", "emo", "--reason", "demo: on leave");
    int off = r.cli("offboard", "ancamilea", "--reason", "demo: left the team");
    r.record(park == 0 && off == 0, "park and offboard committed and applied");
    r.record(
        new ProcessRunner()
            .run(List.of("chage", "-l", "ancamilea"))
            .stdout()
            .contains("Jan 01, 1970"),
        "ancamilea is cut: password locked, account expired; her files are still there");
    String stopped =
        "t3-serve@emo.service (parked) and t3-serve@ancamilea.service (cut) are"
            + " disabled and stopped";
    String ended = "ancamilea's login session was ended at the cut through logind";
    if (units.running()) {
      r.record(units.stopped("emo") && units.stopped("ancamilea"), stopped);
      r.record(
          !before.isEmpty() && units.sessions("ancamilea").isEmpty(),
          ended + " (session " + String.join(", ", before) + " gone; loginctl terminate-user)");
    } else {
      r.skip(stopped, "systemd cannot boot in the sandbox here");
      r.skip(ended, "systemd cannot boot in the sandbox here");
    }
  }

  /** Starts a login session of {@code user}; returns its logind session ids. */
  private List<String> sessionOf(String user) throws Exception {
    units.startSession(user);
    return units.sessions(user);
  }

  /** git and git-crypt on the PATH the demo was started with (the admin's, not our clean one). */
  static boolean gitCryptInstalled() {
    return Executables.onPath("git").isPresent() && Executables.onPath("git-crypt").isPresent();
  }

  private static boolean isCipher(String path) {
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      byte[] head = in.readNBytes(10);
      return new String(head, StandardCharsets.ISO_8859_1).equals("\0GITCRYPT\0");
    } catch (IOException e) {
      return false;
    }
  }
}
