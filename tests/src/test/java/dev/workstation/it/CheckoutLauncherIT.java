package dev.workstation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.util.JvmFlags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkout's {@code ./workstation} launcher, run the ways an admin runs it. */
class CheckoutLauncherIT {
  static final Path REPO =
      Path.of(System.getProperty("workstation.repo", "..")).toAbsolutePath().normalize();
  static final Path LAUNCHER = REPO.resolve("workstation");
  static final String FLAGS = "app/src/main/resources/dev/workstation/jvm.args";

  @TempDir Path dir;

  @Test
  void a_symlink_to_the_launcher_finds_the_checkout_it_points_into() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path link = Files.createSymbolicLink(bin.resolve("workstation"), LAUNCHER);
    String out = run(link, "--version");
    assertTrue(out.startsWith("workstation "), out);
  }

  static final List<String> INTO_THE_JAR =
      List.of(
          "pom.xml",
          "app/pom.xml",
          FLAGS,
          "roster/roster.example.yaml",
          "managed-config/start-claude.sh",
          "docs/examples/t3-serve@.service",
          "workstation.example.yaml");

  /**
   * A checkout of its own: the launcher, the built jar, one file of each kind that goes into the
   * jar (all older than it), and a Maven wrapper that only notes that it was asked to build.
   */
  Path checkout(Path at) throws Exception {
    Files.createDirectories(at.resolve("app/target"));
    Files.copy(LAUNCHER, at.resolve("workstation"));
    Files.copy(Sandbox.jar(), at.resolve("app/target/workstation-all.jar"));
    for (String f : INTO_THE_JAR) {
      Files.createDirectories(at.resolve(f).getParent());
      Files.copy(REPO.resolve(f), at.resolve(f));
    }
    Files.writeString(at.resolve("mvnw"), "#!/bin/sh\necho \"$@\" >> built\n");
    at.resolve("mvnw").toFile().setExecutable(true);
    try (Stream<Path> all = Files.walk(at)) {
      for (Path p : all.toList()) {
        age(p, 200);
      }
    }
    age(at.resolve("app/target/workstation-all.jar"), 100);
    return at;
  }

  static void age(Path f, int seconds) throws Exception {
    Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(seconds)));
  }

  String run(Path launcher, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of(launcher.toString()));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    pb.environment().remove("WORKSTATION_JAVA_OPTS");
    pb.directory(dir.toFile()); // not the checkout: the launcher must find it by itself
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  @Test
  void the_launcher_rebuilds_the_jar_when_anything_that_goes_into_it_changed() throws Exception {
    Path co = checkout(dir.resolve("checkout"));
    run(co.resolve("workstation"), "--version");
    assertFalse(Files.exists(co.resolve("built")), "nothing changed: no build");
    for (String file : INTO_THE_JAR) {
      Files.writeString(co.resolve(file), "\n", StandardOpenOption.APPEND);
      run(co.resolve("workstation"), "--version");
      assertTrue(Files.exists(co.resolve("built")), file + " changed: the jar is built again");
      assertTrue(Files.readString(co.resolve("built")).contains("package"));
      Files.delete(co.resolve("built"));
      age(co.resolve(file), 200); // as if built: the next file starts from a current jar
    }
  }

  /** Whether this JVM maps {@code archive} for {@code jar}, asked with {@code -Xshare:on}. */
  static boolean javaAccepts(Path archive, Path jar) throws Exception {
    Process p =
        new ProcessBuilder(
                "java",
                "-Xshare:on",
                "-XX:SharedArchiveFile=" + archive,
                "-Xlog:disable",
                "-jar",
                jar.toString(),
                "--version")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    return p.waitFor() == 0;
  }

  @Test
  void an_archive_java_rejects_after_the_checkout_was_copied_is_made_again() throws Exception {
    Path first = checkout(dir.resolve("first"));
    run(first.resolve("workstation"), "--version");
    Path jsa = Path.of("app/target/workstation.jsa");
    Path jar = Path.of("app/target/workstation-all.jar");
    assertTrue(javaAccepts(first.resolve(jsa), first.resolve(jar)), "the launcher made it");

    Path copy = dir.resolve("copy");
    Process cp = new ProcessBuilder("cp", "-a", first.toString(), copy.toString()).start();
    assertEquals(0, cp.waitFor());
    assertFalse(
        javaAccepts(copy.resolve(jsa), copy.resolve(jar)),
        "Java rejects an archive made for the jar at another path");
    FileTime copied = Files.getLastModifiedTime(copy.resolve(jsa));

    assertTrue(run(copy.resolve("workstation"), "--version").startsWith("workstation "));
    assertNotEquals(copied, Files.getLastModifiedTime(copy.resolve(jsa)), "made again");
    assertTrue(javaAccepts(copy.resolve(jsa), copy.resolve(jar)), "and Java maps the new one");
  }

  /**
   * The JVM flags are listed once ({@code jvm.args}): both launchers pass that file to java, the
   * workers and the demo read it from the jar, and no other file spells out a flag of it.
   */
  @Test
  void the_jvm_flags_are_listed_once_and_every_launcher_uses_that_list() throws Exception {
    assertTrue(JvmFlags.all().stream().anyMatch(f -> f.startsWith("-XX:")), JvmFlags.all() + "");
    assertTrue(Files.readString(LAUNCHER).contains("java @\"$flags\""));
    assertTrue(
        Files.readString(REPO.resolve("app/src/deb/files/workstation"))
            .contains("java @/usr/share/workstation/jvm.args"));
    List<String> spelledOut = new ArrayList<>();
    for (String tree : List.of("workstation", "app/src", "systemd", "tests/src", "bench")) {
      try (Stream<Path> files = Files.walk(REPO.resolve(tree))) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          if (f.endsWith(FLAGS)) {
            continue;
          }
          String text = Files.readString(f, StandardCharsets.ISO_8859_1);
          for (String flag : JvmFlags.all()) {
            if (flag.startsWith("-XX:") && text.contains(flag)) {
              spelledOut.add(REPO.relativize(f) + ": " + flag);
            }
          }
        }
      }
    }
    assertEquals(List.of(), spelledOut, "JVM flags spelled out outside " + FLAGS);
  }
}
