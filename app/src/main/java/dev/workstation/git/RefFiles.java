package dev.workstation.git;

import dev.workstation.host.HomeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A clone's refs as git stores them in files, read without JGit: {@code packed-refs}, overridden by
 * loose refs; only HEAD, {@code refs/heads}, {@code refs/remotes} and {@code refs/tags}. For {@link
 * RefProbe}; anything it does not understand, or a ref being written (a lock file), makes {@link
 * #read} answer null and the caller asks JGit.
 */
final class RefFiles {
  static final int MAX_PACKED_BYTES = 32 << 20;

  final Map<String, String> ids = new HashMap<>();
  final Map<String, String> symbolic = new HashMap<>();

  /** The refs, or null when something is mid-update (a lock file) or not understood. */
  static RefFiles read(Path gitDir) throws IOException {
    RefFiles r = new RefFiles();
    Path packed = gitDir.resolve("packed-refs");
    if (Files.exists(packed, LinkOption.NOFOLLOW_LINKS)) {
      for (String line : readSmall(packed, MAX_PACKED_BYTES).split("\n")) {
        if (line.isEmpty() || line.startsWith("#") || line.startsWith("^")) {
          continue;
        }
        int sp = line.indexOf(' ');
        if (sp <= 0 || !isHexId(line.substring(0, sp))) {
          return null;
        }
        r.ids.put(line.substring(sp + 1), line.substring(0, sp));
      }
    }
    if (!r.loose("HEAD", gitDir.resolve("HEAD"))) {
      return null;
    }
    for (String top : List.of("refs/heads", "refs/remotes", "refs/tags")) {
      if (!r.walk(gitDir, top)) {
        return null;
      }
    }
    return r;
  }

  private boolean walk(Path gitDir, String prefix) throws IOException {
    Path dir = gitDir.resolve(prefix);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = prefix + "/" + p.getFileName();
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          if (!walk(gitDir, name)) {
            return false;
          }
        } else if (name.endsWith(".lock") || !loose(name, p)) {
          return false; // being updated right now, or not a ref we understand
        }
      }
    }
    return true;
  }

  /** Reads one loose ref file into this; false when it is not a ref this reader understands. */
  boolean loose(String name, Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    String s = readSmall(file, 4096).strip();
    if (s.startsWith("ref: ")) {
      symbolic.put(name, s.substring(5).strip());
      ids.remove(name);
      return true;
    }
    if (!isHexId(s)) {
      return false;
    }
    ids.put(name, s);
    symbolic.remove(name);
    return true;
  }

  static boolean isHexId(String s) {
    if (s.length() != 40 && s.length() != 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code file}'s text through {@link HomeFiles} (no symlink, FIFO or device; at most {@code max}
   * bytes); {@link java.nio.file.NoSuchFileException} when absent.
   */
  static String readSmall(Path file, int max) throws IOException {
    byte[] b =
        HomeFiles.read(file, max)
            .orElseThrow(() -> new java.nio.file.NoSuchFileException(file.toString()));
    return new String(b, StandardCharsets.UTF_8);
  }
}
