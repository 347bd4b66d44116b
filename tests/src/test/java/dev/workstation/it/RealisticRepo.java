package dev.workstation.it;

import dev.workstation.fixtures.Fixtures;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A generated repository shaped like a real infra monorepo (SPEC §12): by default about 3,000 files
 * in about 350 directories (Terraform stacks, Kubernetes manifests, Ansible roles, docs, scripts, a
 * few binary assets and chart archives), about 300 commits of small edits, about 25 MiB packed, and
 * git-crypt'd secrets (real git-crypt, so they are ciphertext on the server). Built
 * deterministically from a seed: the bulk of the history through {@code git fast-import} (seconds,
 * not minutes), the secrets in a real work tree with git-crypt's filter, and later commits ({@link
 * #advance}) as an engineer would make them.
 *
 * <p>The work tree (with the git-crypt key) stays at {@code dir/<name>-work}, the bare repository
 * the server serves at {@code dir/<name>.git}.
 */
public final class RealisticRepo {
  /** What to generate; {@link #infra()} is the SPEC's shape. */
  public record Shape(int dirs, int files, int commits, int binaryMiB, boolean secrets) {}

  public static Shape infra() {
    return new Shape(350, 3000, 300, 17, true);
  }

  /** A small application repository (a roster repo): tens of files, a short history. */
  public static Shape app() {
    return new Shape(12, 80, 25, 0, false);
  }

  private static final String[] WORDS = {
    "cluster",
    "node",
    "pool",
    "ingress",
    "service",
    "backup",
    "monitor",
    "alert",
    "vault",
    "dns",
    "gateway",
    "storage",
    "volume",
    "secret",
    "config",
    "deploy",
    "runner",
    "proxy",
    "cache",
    "queue",
    "worker",
    "api",
    "web",
    "auth",
    "sso",
    "mail",
    "media",
    "photos",
    "books",
    "notes",
    "grafana",
    "loki",
    "prometheus",
    "forgejo",
    "authentik",
    "immich",
    "paperless",
    "minio"
  };
  private static final String[] EXT = {".tf", ".yaml", ".yaml", ".md", ".sh", ".json", ".hcl"};

  private final Path work;
  private final Path bare;
  private final Random random;
  private final List<String> textFiles = new ArrayList<>();
  private int serial;

  private RealisticRepo(Path work, Path bare, long seed) {
    this.work = work;
    this.bare = bare;
    this.random = new Random(seed);
  }

  public Path bare() {
    return bare;
  }

  public Path work() {
    return work;
  }

  /** Generates repository {@code name} of {@code shape} in {@code dir}. */
  public static RealisticRepo generate(Path dir, String name, Shape shape, long seed)
      throws IOException, InterruptedException {
    RealisticRepo r =
        new RealisticRepo(dir.resolve(name + "-work"), dir.resolve(name + ".git"), seed);
    r.build(shape);
    return r;
  }

  private void build(Shape shape) throws IOException, InterruptedException {
    Files.createDirectories(bare);
    Fixtures.git(bare, "init", "-q", "--bare", "-b", "master");
    List<String> dirs = directories(shape.dirs());
    Map<String, byte[]> tree = new LinkedHashMap<>();
    for (int i = 0; i < shape.files(); i++) {
      String d = dirs.get(i < dirs.size() ? i : random.nextInt(dirs.size()));
      String file = d + "/" + word() + "-" + i + EXT[random.nextInt(EXT.length)];
      tree.put(file, text(200 + (int) Math.min(40_000, Math.abs(random.nextGaussian()) * 3_000)));
      textFiles.add(file);
    }
    List<String> binaries = new ArrayList<>();
    long binaryBytes = (long) shape.binaryMiB() << 20;
    for (int i = 0; binaryBytes > 0; i++) {
      int size = (int) Math.min(binaryBytes, 200_000 + random.nextInt(900_000));
      String file =
          (i % 2 == 0 ? "docs/assets/diagram-" : "charts/archive/chart-")
              + i
              + (i % 2 == 0 ? ".png" : ".tgz");
      tree.put(file, bytes(size));
      binaries.add(file);
      binaryBytes -= size;
    }
    Process p =
        new ProcessBuilder("git", "fast-import", "--quiet")
            .directory(bare.toFile())
            .redirectErrorStream(true)
            .start();
    try (OutputStream out = new BufferedOutputStream(p.getOutputStream(), 1 << 16)) {
      commit(out, "infra: initial import", tree);
      int history = Math.max(0, shape.commits() - 1 - (shape.secrets() ? 3 : 0));
      for (int c = 0; c < history; c++) {
        Map<String, byte[]> changes = new LinkedHashMap<>();
        int n = 1 + random.nextInt(6);
        for (int k = 0; k < n; k++) {
          String f = textFiles.get(random.nextInt(textFiles.size()));
          changes.put(f, edit(tree.get(f)));
        }
        if (!binaries.isEmpty() && c % 37 == 5) {
          String f = binaries.get(random.nextInt(binaries.size()));
          changes.put(f, bytes(Math.min(tree.get(f).length, 300_000)));
        }
        tree.putAll(changes);
        commit(out, word() + ": " + word() + " " + word() + " (" + c + ")", changes);
      }
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("git fast-import failed: " + out);
    }
    Fixtures.git(bare, "repack", "-adq");
    Fixtures.git(bare.getParent(), "clone", "-q", bare.toString(), work.toString());
    if (shape.secrets()) {
      addSecrets();
    }
  }

  /** git-crypt in a real work tree: attributes, then encrypted env files and tfvars. */
  private void addSecrets() throws IOException, InterruptedException {
    Fixtures.git(work, "git-crypt", "init");
    Files.writeString(
        work.resolve(".gitattributes"),
        "secrets/** filter=git-crypt diff=git-crypt\n*.tfvars filter=git-crypt diff=git-crypt\n");
    Fixtures.git(work, "add", ".gitattributes");
    Fixtures.git(work, "commit", "-q", "-m", "git-crypt: encrypt secrets and tfvars");
    for (int i = 0; i < 24; i++) {
      Path f = work.resolve("secrets/" + WORDS[i % WORDS.length] + "/" + word() + ".env");
      Files.createDirectories(f.getParent());
      Files.writeString(f, "TOKEN=s." + hex(40) + "\nPASSWORD=" + hex(24) + "\n");
    }
    for (int i = 0; i < 16; i++) {
      Path f = work.resolve("stacks/" + WORDS[i] + "/terraform.tfvars");
      Files.createDirectories(f.getParent());
      Files.writeString(f, "db_password = \"" + hex(32) + "\"\napi_key = \"" + hex(40) + "\"\n");
    }
    Fixtures.git(work, "add", "-A");
    Fixtures.git(work, "commit", "-q", "-m", "secrets: add encrypted env files and tfvars");
    Files.writeString(work.resolve("README.md"), "# infra\n\nThe homelab, as code.\n");
    Fixtures.git(work, "add", "README.md");
    Fixtures.git(work, "commit", "-q", "-m", "docs: readme");
    Fixtures.git(work, "push", "-q", "origin", "HEAD:master");
  }

  /**
   * Adds {@code n} commits of ordinary edits (a few text files each) and pushes them to the bare
   * repository; returns the new head.
   */
  public String advance(int n) throws IOException, InterruptedException {
    for (int c = 0; c < n; c++) {
      int files = 1 + random.nextInt(3);
      for (int k = 0; k < files; k++) {
        String f = textFiles.get(random.nextInt(textFiles.size()));
        Path p = work.resolve(f);
        Files.write(p, edit(Files.readAllBytes(p)));
      }
      Fixtures.git(work, "commit", "-q", "-a", "-m", "update " + word() + " " + (serial++));
    }
    Fixtures.git(work, "push", "-q", "origin", "HEAD:master");
    return head();
  }

  /** Files, directories, commits and packed size, as measured with git. */
  public String describe() throws IOException, InterruptedException {
    int files = Fixtures.git(bare, "ls-tree", "-r", "--name-only", "master").split("\n").length;
    int dirs =
        Fixtures.git(bare, "ls-tree", "-r", "-d", "--name-only", "master").split("\n").length;
    String commits = Fixtures.git(bare, "rev-list", "--count", "master").strip();
    long packed = 0;
    try (var packs = Files.list(bare.resolve("objects/pack"))) {
      for (Path p : packs.toList()) {
        packed += Files.size(p);
      }
    }
    return String.format(
        "%d files in %d directories, %s commits, %.1f MiB packed",
        files, dirs, commits, packed / 1048576.0);
  }

  /** The bare repository's master. */
  public String head() throws IOException, InterruptedException {
    return Fixtures.git(bare, "rev-parse", "master").strip();
  }

  private void commit(OutputStream out, String message, Map<String, byte[]> changes)
      throws IOException {
    byte[] msg = message.getBytes(StandardCharsets.UTF_8);
    long when = 1_700_000_000L + (serial++) * 3_600L;
    write(out, "commit refs/heads/master\n");
    write(out, "committer Fixture <fixture@example.org> " + when + " +0000\n");
    write(out, "data " + msg.length + "\n");
    out.write(msg);
    write(out, "\n");
    for (Map.Entry<String, byte[]> e : changes.entrySet()) {
      write(out, "M 100644 inline " + e.getKey() + "\ndata " + e.getValue().length + "\n");
      out.write(e.getValue());
      write(out, "\n");
    }
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> directories(int count) {
    List<String> out = new ArrayList<>();
    String[] tops = {"stacks", "k8s/apps", "ansible/roles", "modules", "docs", "scripts"};
    for (int i = 0; out.size() < count; i++) {
      String top = tops[i % tops.length];
      String name = WORDS[i % WORDS.length] + (i / WORDS.length == 0 ? "" : "-" + i);
      out.add(top + "/" + name);
      if (out.size() < count && i % 3 == 0) {
        out.add(top + "/" + name + (top.startsWith("k8s") ? "/overlays" : "/templates"));
      }
    }
    return out;
  }

  private byte[] text(int approxBytes) {
    StringBuilder b = new StringBuilder(approxBytes + 80);
    while (b.length() < approxBytes) {
      b.append(line()).append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private String line() {
    return switch (random.nextInt(5)) {
      case 0 -> "  " + word() + "_" + word() + " = \"" + word() + "-" + hex(8) + "\"";
      case 1 -> "resource \"" + word() + "_" + word() + "\" \"" + word() + "\" {";
      case 2 -> "    " + word() + ": " + word() + "." + word() + ".svc.cluster.local";
      case 3 -> "# " + word() + " " + word() + " " + word() + " " + word() + " " + word();
      default -> "  sha = \"" + hex(40) + "\"";
    };
  }

  /** An engineer's edit: a couple of lines changed and one added. */
  private byte[] edit(byte[] old) {
    List<String> lines =
        new ArrayList<>(List.of(new String(old, StandardCharsets.UTF_8).split("\n", -1)));
    for (int i = 0; i < 2 && !lines.isEmpty(); i++) {
      lines.set(random.nextInt(lines.size()), line());
    }
    lines.add(random.nextInt(lines.size() + 1), line());
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private String word() {
    return WORDS[random.nextInt(WORDS.length)];
  }

  private String hex(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(Character.forDigit(random.nextInt(16), 16));
    }
    return b.toString();
  }
}
