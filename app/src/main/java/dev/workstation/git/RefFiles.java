package dev.workstation.git;

import dev.workstation.host.HomeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    return read(GitDirSource.of(gitDir));
  }

  /** {@link #read(Path)} through {@code git}, as the user or through root's guarded reader. */
  static RefFiles read(GitDirSource git) throws IOException {
    RefFiles r = new RefFiles();
    Optional<byte[]> packed = git.read("packed-refs", MAX_PACKED_BYTES);
    if (packed.isPresent()) {
      for (String line : new String(packed.get(), StandardCharsets.UTF_8).split("\n")) {
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
    if (!r.loose(git, "HEAD")) {
      return null;
    }
    for (String top : List.of("refs/heads", "refs/remotes", "refs/tags")) {
      if (!r.walk(git, top)) {
        return null;
      }
    }
    return r;
  }

  private boolean walk(GitDirSource git, String prefix) throws IOException {
    Optional<Map<String, Boolean>> entries = git.list(prefix);
    if (entries.isEmpty()) {
      return true;
    }
    for (Map.Entry<String, Boolean> e : entries.get().entrySet()) {
      String name = prefix + "/" + e.getKey();
      if (e.getValue()) {
        if (!walk(git, name)) {
          return false;
        }
      } else if (name.endsWith(".lock") || !loose(git, name)) {
        return false; // being updated right now, or not a ref we understand
      }
    }
    return true;
  }

  /** Reads one loose ref file into this; false when it is not a ref this reader understands. */
  boolean loose(String name, Path file) throws IOException {
    return loose(GitDirSource.of(file.getParent()), name, file.getFileName().toString());
  }

  private boolean loose(GitDirSource git, String name) throws IOException {
    return loose(git, name, name);
  }

  private boolean loose(GitDirSource git, String name, String rel) throws IOException {
    Optional<byte[]> bytes;
    try {
      bytes = git.read(rel, 4096);
    } catch (IOException e) {
      return false; // not a regular file, or too large: not a ref we understand
    }
    if (bytes.isEmpty()) {
      return false;
    }
    String s = new String(bytes.get(), StandardCharsets.UTF_8).strip();
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
