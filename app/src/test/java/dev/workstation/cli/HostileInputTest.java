package dev.workstation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.management.ThreadMXBean;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A corpus of hostile rosters and site configs through the real CLI: every case must end in exit 0
 * or 3 with positioned messages, never a stack trace or an internal error, with bounded work. Work
 * is what this thread allocated and the CPU time it used, never wall time: a shared CI machine at a
 * load of 50 stretched one case's wall time to 12 s while its work stayed the same. (Memory held is
 * bounded by the loader's limits; the whole corpus runs in the surefire JVM's heap.)
 */
class HostileInputTest {
  @TempDir Path dir;

  static final String EXAMPLE =
      """
      # roster
      users:
        wizard: {authentik_user: vbarzin, k8s_user: wizard, tier: admin}
        emo: {authentik_user: emil.barzin, k8s_user: emo, tier: power-user}
        ancamilea:
          authentik_user: ancaelena98
          k8s_user: anca
          tier: namespace-owner
          namespaces: [plotting-book]
          code_layout: workspace
          repos: [tripit]
          parked: false
      """;

  static final String CONFIG =
      """
      roster: {url: /srv/roster.git, branch: master, path: roster.yaml, admins: [a@b.org]}
      state_dir: /var/lib/workstation
      freshen: {jobs: 8, timeout: 30s, session_timeout: 10s}
      units: {per_user: [t3-serve@], env_dir: /etc/t3-serve, port_pools: {t3: 3773}}
      capacity: {memory_per_user: 4G, max_active_users: 6, min_free_disk: 10G, require_swap: true}
      """;

  /**
   * How a case ended and the work it took on this thread.
   *
   * @param allocated bytes this thread allocated for the case
   * @param cpuNanos CPU time this thread used for the case
   */
  record Outcome(int code, String out, String err, long allocated, long cpuNanos) {}

  static final ThreadMXBean THREAD = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  /**
   * The most work one case may take: a fixed allowance for the CLI itself plus a multiple of the
   * input's size. Measured: the 20,000-user roster allocates ~260 bytes per input byte (every node,
   * position and derived value), the 2 MB value 13; a reader that went quadratic on that value
   * allocated 7.8 GB (3,900 per byte), and an alias that expanded would exceed both by orders of
   * magnitude.
   */
  static final long ALLOCATION_BASE = 64L << 20;

  static final int ALLOCATION_PER_INPUT_BYTE = 512;
  static final long CPU_NANOS = 5_000_000_000L;

  Outcome run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    long allocated = THREAD.getCurrentThreadAllocatedBytes();
    long cpu = THREAD.getCurrentThreadCpuTime();
    int code = cli.execute(args);
    return new Outcome(
        code,
        out.toString(),
        err.toString(),
        THREAD.getCurrentThreadAllocatedBytes() - allocated,
        THREAD.getCurrentThreadCpuTime() - cpu);
  }

  /** Runs one case and holds it to the contract; returns the exit code. */
  int check(String name, byte[] content, boolean siteConfig) throws Exception {
    Path f = dir.resolve(name);
    Files.write(f, content);
    Outcome o =
        siteConfig
            ? run("--config=" + f, "roster", "derive", writeValidRoster().toString())
            : run("roster", "validate", f.toString());
    String all = o.out() + o.err();
    if (o.code() != 0 && o.code() != 3) {
      fail(name + ": exit " + o.code() + "\n" + all);
    }
    if (all.contains("\tat ") || all.contains("internal error") || all.contains("Exception")) {
      fail(name + ": leaked an internal error:\n" + all);
    }
    if (all.chars().anyMatch(c -> (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f))) {
      fail(name + ": printed a raw control character:\n" + all);
    }
    if (o.code() == 3) {
      for (String line : o.err().split("\n")) {
        boolean positioned =
            line.startsWith(f.toString() + ":")
                || line.matches("\\d+ problems?; nothing was changed\\.");
        assertTrue(positioned, name + ": unpositioned message: " + line);
      }
    }
    long allowed = ALLOCATION_BASE + (long) ALLOCATION_PER_INPUT_BYTE * content.length;
    assertTrue(
        o.allocated() < allowed,
        name + " allocated " + o.allocated() + " bytes (at most " + allowed + ")");
    assertTrue(
        o.cpuNanos() < CPU_NANOS,
        name + " used " + o.cpuNanos() / 1_000_000 + " ms of CPU (at most 5 s)");
    return o.code();
  }

  Path writeValidRoster() throws Exception {
    Path r = dir.resolve("valid-roster.yaml");
    if (!Files.exists(r)) {
      Files.writeString(r, EXAMPLE);
    }
    return r;
  }

  static List<byte[]> mutations(String seed, Random random, int count) {
    List<byte[]> out = new ArrayList<>();
    String alphabet =
        "{}[]:,-#&*!|>'\"\n\t \\%@`?~0123456789abcdefghijklmnopqrstuvwxyz_.\u00e9\u2028\u0000\u0007\uFEFF";
    for (int i = 0; i < count; i++) {
      StringBuilder s = new StringBuilder(seed);
      int edits = 1 + random.nextInt(6);
      for (int e = 0; e < edits && s.length() > 1; e++) {
        int at = random.nextInt(s.length());
        switch (random.nextInt(5)) {
          case 0 -> s.deleteCharAt(at);
          case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 2 -> {
            int other = random.nextInt(s.length());
            char c = s.charAt(at);
            s.setCharAt(at, s.charAt(other));
            s.setCharAt(other, c);
          }
          case 3 -> {
            String[] lines = s.toString().split("\n", -1);
            int a = random.nextInt(lines.length);
            int b = random.nextInt(lines.length);
            String t = lines[a];
            lines[a] = lines[b];
            lines[b] = t;
            s = new StringBuilder(String.join("\n", lines));
          }
          default ->
              s.replace(
                  at,
                  Math.min(s.length(), at + 3),
                  List.of("yes", "no", "~", "0x1", "1e9", "true").get(random.nextInt(6)));
        }
      }
      out.add(s.toString().getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void a_corpus_of_hostile_rosters_only_ever_exits_0_or_3_with_positioned_messages()
      throws Exception {
    Random random = new Random(42);
    // the mutations: some still valid, most not; both outcomes must occur, or the mutator
    // (or the parser) has stopped doing what this test needs
    List<byte[]> mutations = mutations(EXAMPLE, random, 520);
    int valid = 0;
    int invalid = 0;
    for (int i = 0; i < mutations.size(); i++) {
      if (check("roster-" + i + ".yaml", mutations.get(i), false) == 0) {
        valid++;
      } else {
        invalid++;
      }
    }
    assertTrue(
        valid > 0 && invalid > 0,
        "the mutations must exercise both outcomes: " + valid + " valid, " + invalid + " invalid");
    // the crafted cases: each is refused (3), except the two that are valid rosters (0)
    byte[] binary = new byte[4096];
    random.nextBytes(binary);
    StringBuilder big = new StringBuilder("users:\n");
    for (int i = 0; i < 20_000; i++) {
      big.append("  u")
          .append(i)
          .append(": {authentik_user: a")
          .append(i)
          .append(", k8s_user: k")
          .append(i)
          .append(", tier: power-user}\n");
    }
    Map<String, byte[]> refused = new LinkedHashMap<>();
    refused.put(
        "alias-bomb", ("users:\n  a: &a [" + "x,".repeat(9) + "x]\n" + aliasBomb()).getBytes());
    refused.put(
        "deep-flow-sequence", ("users: " + "[".repeat(20_000) + "]".repeat(20_000)).getBytes());
    refused.put(
        "deep-flow-mapping",
        ("users: " + "{a: ".repeat(20_000) + "b" + "}".repeat(20_000)).getBytes());
    refused.put(
        "2-MB-value",
        ("users:\n  a: {authentik_user: " + "x".repeat(2_000_000) + ", k8s_user: a, tier: admin}\n")
            .getBytes());
    refused.put("binary", binary);
    refused.put(
        "byte-order-mark-inside",
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin}\n\uFEFF  b: {}\n"
            .getBytes(StandardCharsets.UTF_8));
    refused.put(
        "duplicate-key",
        "users:\n  a: {authentik_user: a, k8s_user: a, tier: admin, tier: admin}\n".getBytes());
    refused.put("complex-key", "users:\n  ? [a]\n  : x\n".getBytes());
    refused.put("python-tag", "--- !!python/object:os.system\nusers: {}\n".getBytes());
    refused.put(
        "nul", "users:\n  a: {authentik_user: \"\\u0000\", k8s_user: a, tier: admin}\n".getBytes());
    for (var c : refused.entrySet()) {
      assertEquals(3, check(c.getKey() + ".yaml", c.getValue(), false), c.getKey());
    }
    assertEquals(
        0,
        check(
            "byte-order-mark-first.yaml",
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'u', 's', 'e', 'r', 's', ':', '\n'},
            false),
        "a leading byte-order mark is allowed");
    assertEquals(0, check("20000-users.yaml", big.toString().getBytes(), false), "20,000 users");
  }

  /** Fields that would corrupt what they feed: each is refused, named, on one line. */
  @Test
  void values_that_would_corrupt_the_login_map_unpark_someone_or_reach_a_terminal_are_refused()
      throws Exception {
    String row = "users:\n  a: {authentik_user: a, k8s_user: a, tier: power-user%s}\n";
    List<String[]> cases =
        List.of(
            new String[] {
              "users:\n  a: {authentik_user: \"#x\", k8s_user: a, tier: admin}\n",
              "users.a.authentik_user"
            },
            new String[] {
              "users:\n  a: {authentik_user: a=b, k8s_user: a, tier: admin}\n",
              "users.a.authentik_user"
            },
            new String[] {
              "users:\n  a: {authentik_user: \"a\\e[31m\", k8s_user: a, tier: admin}\n",
              "users.a.authentik_user"
            },
            new String[] {String.format(row, ", parked: ~"), "users.a.parked"},
            new String[] {
              "users:\n  a:\n    authentik_user: a\n    k8s_user: a\n    tier: power-user\n    parked:\n",
              "users.a.parked"
            },
            new String[] {String.format(row, ", claude_auth: null"), "users.a.claude_auth"},
            new String[] {String.format(row, ", code_layout: ~"), "users.a.code_layout"},
            new String[] {
              String.format(row, ", git_name: \"x\\r\\nuser=wizard action=add-to-groups\""),
              "users.a.git_name"
            },
            new String[] {String.format(row, ", git_email: \"a@b\\x9b\""), "users.a.git_email"},
            new String[] {
              "users:\n  a: {authentik_user: a, k8s_user: \"k\\u2028\", tier: admin}\n",
              "users.a.k8s_user"
            });
    for (int i = 0; i < cases.size(); i++) {
      String name = "field-" + i + ".yaml";
      int code = check(name, cases.get(i)[0].getBytes(StandardCharsets.UTF_8), false);
      String err = run("roster", "validate", dir.resolve(name).toString()).err();
      assertTrue(
          code == 3 && err.contains(cases.get(i)[1] + ": "), cases.get(i)[0] + " gave:\n" + err);
    }
  }

  @Test
  void a_corpus_of_hostile_site_configs_only_ever_exits_0_or_3() throws Exception {
    Random random = new Random(7);
    List<byte[]> cases = mutations(CONFIG, random, 200);
    cases.add(("state_dir: " + "[".repeat(20_000)).getBytes());
    cases.add(aliasBomb().getBytes());
    for (int i = 0; i < cases.size(); i++) {
      check("site-" + i + ".yaml", cases.get(i), true);
    }
  }

  static String aliasBomb() {
    StringBuilder s = new StringBuilder("b0: &b0 [x,x,x,x,x,x,x,x,x]\n");
    for (int i = 1; i < 12; i++) {
      s.append("b").append(i).append(": &b").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        s.append(j == 0 ? "" : ",").append("*b").append(i - 1);
      }
      s.append("]\n");
    }
    return s.toString();
  }
}
