package dev.workstation.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags every workstation run starts with, from the one list in the jar ({@code
 * dev/workstation/jvm.args}): the launchers hand the same file to {@code java @FILE}, so the CLI,
 * the timer, the session service and each per-user worker run alike.
 */
public final class JvmFlags {
  static final String RESOURCE = "/dev/workstation/jvm.args";
  private static final List<String> FLAGS = load();

  private JvmFlags() {}

  /** The flags, in order (the file's words, without its {@code #} comment lines). */
  public static List<String> all() {
    return FLAGS;
  }

  private static List<String> load() {
    try (InputStream in = JvmFlags.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.strip().startsWith("#"))
          .flatMap(l -> Arrays.stream(l.strip().split("\\s+")))
          .filter(w -> !w.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
