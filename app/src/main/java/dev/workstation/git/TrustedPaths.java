package dev.workstation.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * The trusted paths of a commit, read as git objects only. A trusted path must be a regular-file
 * blob: a symlink (whose target a checkout would follow), a submodule or a tree is an error that
 * names the commit and the path, and so is a blob over the size cap.
 */
final class TrustedPaths {
  /** Caps: the YAML loader's own limit for the roster, far more than any settings file needs. */
  static final long ROSTER_CAP = 8L << 20;

  static final long SETTINGS_CAP = 1L << 20;

  private TrustedPaths() {}

  /** One path's entry in a commit's tree: its mode bits and object (equal entries = no change). */
  record Entry(int modeBits, ObjectId id) {}

  /**
   * The entry of each of {@code paths} in {@code commit} (null where absent), in the same order.
   */
  static List<Entry> entries(ObjectReader reader, RevCommit commit, List<String> paths)
      throws IOException {
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      out.add(null);
    }
    if (commit == null) {
      return out;
    }
    try (TreeWalk tw = new TreeWalk(reader)) {
      tw.addTree(commit.getTree());
      tw.setRecursive(false);
      tw.setFilter(PathFilterGroup.createFromStrings(paths));
      while (tw.next()) {
        String p = tw.getPathString();
        int i = paths.indexOf(p);
        if (i >= 0) {
          out.set(i, new Entry(tw.getRawMode(0), tw.getObjectId(0)));
        } else if (tw.isSubtree()) {
          tw.enterSubtree();
        }
      }
    }
    return out;
  }

  /**
   * The content of {@code path} at {@code commit}: empty when absent.
   *
   * @throws TrustedSource.SourceException when it is not a regular file or is over {@code cap}
   */
  static Optional<byte[]> read(
      ObjectReader reader, RevCommit commit, String path, Entry entry, long cap)
      throws IOException, TrustedSource.SourceException {
    if (entry == null) {
      return Optional.empty();
    }
    int mode = entry.modeBits();
    if (!FileMode.REGULAR_FILE.equals(mode) && !FileMode.EXECUTABLE_FILE.equals(mode)) {
      throw new TrustedSource.SourceException(
          path
              + " is "
              + describe(mode)
              + " at commit "
              + commit.abbreviate(12).name()
              + ", not a regular file; only a regular file is read (an admin must commit the"
              + " file itself)");
    }
    ObjectLoader loader = reader.open(entry.id());
    if (loader.getSize() > cap) {
      throw new TrustedSource.SourceException(
          path
              + " at commit "
              + commit.abbreviate(12).name()
              + " is "
              + loader.getSize()
              + " bytes; the limit is "
              + cap);
    }
    return Optional.of(loader.getCachedBytes((int) cap));
  }

  static String describe(int mode) {
    if (FileMode.SYMLINK.equals(mode)) {
      return "a symlink";
    }
    if (FileMode.GITLINK.equals(mode)) {
      return "a submodule";
    }
    if (FileMode.TREE.equals(mode)) {
      return "a directory";
    }
    return "not a regular file (mode " + Integer.toOctalString(mode) + ")";
  }
}
