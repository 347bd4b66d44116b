package dev.workstation.it;

import dev.workstation.util.JvmFlags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a test starts the CLI with test ports ({@link TestWorkstation}): a step to halt at, a step of
 * a layout move to halt a worker at, a scratch root for systemd. Each is empty unless asked for.
 */
public record TestPorts(
    Optional<String> haltAfter, Optional<String> workerHaltAfter, Optional<Path> systemctlRoot) {

  /** Halts the run (exit 137) right after it passes {@code step}. */
  public static TestPorts haltAfter(String step) {
    return new TestPorts(Optional.of(step), Optional.empty(), Optional.empty());
  }

  /** Workers halt (exit 137) right after the layout move's {@code step}. */
  public static TestPorts workerHaltAfter(String step) {
    return new TestPorts(Optional.empty(), Optional.of(step), Optional.empty());
  }

  /** systemd driven offline under {@code root} ({@code systemctl --root}). */
  public static TestPorts systemctlRoot(Path root) {
    return new TestPorts(Optional.empty(), Optional.empty(), Optional.of(root));
  }

  /**
   * {@code java … TestWorkstation OPTIONS -- ARGS}, running {@code jar}; a worker's class is put in
   * {@code scratch} (world-readable: the users' workers load it).
   */
  public List<String> argv(Path jar, Path scratch, String... args) {
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.addAll(JvmFlags.all());
    argv.addAll(List.of("-cp", jar + ":" + testClasses(), TestWorkstation.class.getName()));
    haltAfter.ifPresent(s -> argv.add("--halt-after=" + s));
    if (workerHaltAfter.isPresent()) {
      argv.add("--worker-halt-after=" + workerHaltAfter.get());
      argv.add("--support=" + support(scratch));
    }
    systemctlRoot.ifPresent(r -> argv.add("--systemctl-root=" + r));
    argv.add("--");
    argv.addAll(List.of(args));
    return argv;
  }

  /** Where the test classes are (root reads them there). */
  static Path testClasses() {
    try {
      return Path.of(
          TestWorkstation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code scratch/support} holding {@link TestWorker}'s class, readable by every user. */
  static Path support(Path scratch) {
    String rel = TestWorker.class.getName().replace('.', '/') + ".class";
    Path dir = scratch.resolve("support");
    try {
      Path target = dir.resolve(rel);
      if (!Files.exists(target)) {
        Files.createDirectories(target.getParent());
        Files.copy(testClasses().resolve(rel), target);
        for (Path p = target.getParent(); p.startsWith(dir); p = p.getParent()) {
          Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }
}
