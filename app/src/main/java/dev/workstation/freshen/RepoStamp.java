package dev.workstation.freshen;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What {@code lstat} says of a local repository's refs and of the way to them, as one line: every
 * directory from {@code /} down to the repository (both as named and as resolved), its {@code
 * HEAD}, {@code config} and {@code packed-refs}, and each entry under {@code refs/} and {@code
 * reftable/} — type and mode, owner and group, inode, size, modification and change times. Moving a
 * ref, packing refs, changing a mode, an owner or an ACL all change it (a change time moves with
 * each). For deciding whether to ask again, never to read a ref: root reads none of it.
 */
final class RepoStamp {
  static final int MAX_ENTRIES = 1024;

  private RepoStamp() {}

  /** The stamp, or empty when the repository cannot be stamped (absent, or too many refs). */
  static Optional<String> of(Path repo) {
    StringBuilder b = new StringBuilder();
    try {
      for (Path p : new TreeSet<>(java.util.List.of(repo, repo.toRealPath()))) {
        for (Path q = p; q != null; q = q.getParent()) {
          b.append(q).append(' ').append(stat(q)).append('\n');
        }
      }
      for (String f : new String[] {"HEAD", "config", "packed-refs"}) {
        b.append(f).append(' ').append(stat(repo.resolve(f))).append('\n');
      }
      int entries = 0;
      Deque<Path> dirs = new ArrayDeque<>();
      for (String d : new String[] {"refs", "reftable"}) {
        if (Files.isDirectory(repo.resolve(d), LinkOption.NOFOLLOW_LINKS)) {
          dirs.add(repo.resolve(d));
        }
      }
      while (!dirs.isEmpty()) {
        Path dir = dirs.pop();
        b.append(repo.relativize(dir)).append(' ').append(stat(dir)).append('\n');
        try (DirectoryStream<Path> in = Files.newDirectoryStream(dir, Files::isDirectory)) {
          for (Path e : in) {
            if (++entries > MAX_ENTRIES) {
              return Optional.empty();
            }
            if (!Files.isSymbolicLink(e)) {
              dirs.push(e);
            }
          }
        }
      }
      return Optional.of(b.toString());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String stat(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return "absent";
    }
    Map<String, Object> a =
        Files.readAttributes(
            p, "unix:mode,uid,gid,ino,size,lastModifiedTime,ctime", LinkOption.NOFOLLOW_LINKS);
    return a.get("mode")
        + " "
        + a.get("uid")
        + ":"
        + a.get("gid")
        + " "
        + a.get("ino")
        + " "
        + a.get("size")
        + " "
        + a.get("lastModifiedTime")
        + " "
        + a.get("ctime");
  }
}
