package dev.workstation.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Which site config file a resident process loaded, and how it was then: a request naming another
 * file, or this one changed since, is one the process must not answer with what it loaded.
 */
record ConfigStamp(Path path, String stamp) {
  static ConfigStamp of(Path config) {
    Path p = config.toAbsolutePath().normalize();
    return new ConfigStamp(p, stampOf(p));
  }

  boolean matches(Path config) {
    Path p = config.toAbsolutePath().normalize();
    return p.equals(path) && stampOf(p).equals(stamp);
  }

  private static String stampOf(Path p) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      return a.size() + " " + a.lastModifiedTime() + " " + a.fileKey();
    } catch (IOException e) {
      return "absent";
    }
  }
}
