package dev.workstation.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * The trusted paths' entries of many commits, for one walk: each path is looked up component by
 * component, and what a tree holds under a name is remembered by the tree's id, so commits that
 * share the directories of the trusted paths cost one read of their root tree each (a walk over
 * 200,000 commits that touch other files reads no subtree twice).
 */
final class TrustedTrees {
  /** Lookups remembered (tree id, name): the trusted paths' directories, many times over. */
  private static final int REMEMBERED = 1 << 14;

  private final ObjectReader reader;
  private final List<byte[][]> paths = new ArrayList<>();
  private final CanonicalTreeParser parser = new CanonicalTreeParser();
  private final Map<Key, TrustedPaths.Entry> seen =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, TrustedPaths.Entry> eldest) {
          return size() > REMEMBERED;
        }
      };
  private final UnaryOperator<List<ObjectId>> order;
  private final Map<ObjectId, List<TrustedPaths.Entry>> ahead = new HashMap<>();
  private ObjectId lastRoot;
  private List<TrustedPaths.Entry> lastEntries;

  private record Key(ObjectId tree, String name) {}

  private static final TrustedPaths.Entry ABSENT = new TrustedPaths.Entry(0, ObjectId.zeroId());

  /**
   * @param order puts root tree ids in the order to read them ({@link PackOrder})
   */
  TrustedTrees(ObjectReader reader, List<String> paths, UnaryOperator<List<ObjectId>> order) {
    this.reader = reader;
    this.order = order;
    for (String p : paths) {
      this.paths.add(
          Arrays.stream(p.split("/"))
              .map(s -> s.getBytes(StandardCharsets.UTF_8))
              .toArray(byte[][]::new));
    }
  }

  /** The entry of each trusted path in {@code commit} (null where absent), in order. */
  List<TrustedPaths.Entry> at(RevCommit commit) throws IOException {
    if (commit == null) {
      return java.util.Collections.nCopies(paths.size(), null);
    }
    ObjectId root = commit.getTree().copy();
    if (root.equals(lastRoot)) {
      return lastEntries;
    }
    List<TrustedPaths.Entry> known = ahead.get(root);
    lastRoot = root;
    lastEntries = known != null ? known : resolve(root);
    return lastEntries;
  }

  /**
   * Reads the trusted paths of {@code commits} (a stretch of the first-parent chain about to be
   * walked) in the order their root trees lie in the pack; {@link #at} then answers from them. The
   * previous stretch is forgotten.
   */
  void readAhead(List<RevCommit> commits) throws IOException {
    ahead.clear();
    List<ObjectId> roots = new ArrayList<>(commits.size());
    for (RevCommit c : commits) {
      roots.add(c.getTree().copy());
    }
    for (ObjectId root : order.apply(roots)) {
      if (!ahead.containsKey(root)) {
        ahead.put(root, resolve(root));
      }
    }
  }

  private List<TrustedPaths.Entry> resolve(ObjectId root) throws IOException {
    List<TrustedPaths.Entry> out = new ArrayList<>(paths.size());
    for (byte[][] components : paths) {
      out.add(resolve(root, components));
    }
    return java.util.Collections.unmodifiableList(out);
  }

  private TrustedPaths.Entry resolve(ObjectId root, byte[][] components) throws IOException {
    ObjectId tree = root;
    for (int i = 0; i < components.length; i++) {
      TrustedPaths.Entry e = child(tree, components[i], i == 0);
      if (e == null || i == components.length - 1) {
        return e;
      }
      if (!FileMode.TREE.equals(e.modeBits())) {
        return null; // a file where a directory of the path should be: the path is absent
      }
      tree = e.id();
    }
    return null;
  }

  /**
   * The entry called {@code name} in {@code tree}; root trees are not remembered (each differs).
   */
  private TrustedPaths.Entry child(ObjectId tree, byte[] name, boolean root) throws IOException {
    Key key = root ? null : new Key(tree, new String(name, StandardCharsets.UTF_8));
    if (key != null) {
      TrustedPaths.Entry known = seen.get(key);
      if (known != null) {
        return known == ABSENT ? null : known;
      }
    }
    TrustedPaths.Entry found = scan(tree, name);
    if (key != null) {
      seen.put(key, found == null ? ABSENT : found);
    }
    return found;
  }

  private TrustedPaths.Entry scan(ObjectId tree, byte[] name) throws IOException {
    parser.reset(reader, tree);
    while (!parser.eof()) {
      if (parser.getNameLength() == name.length && sameName(name)) {
        return new TrustedPaths.Entry(parser.getEntryRawMode(), parser.getEntryObjectId());
      }
      parser.next(1);
    }
    return null;
  }

  private boolean sameName(byte[] name) {
    byte[] buf = parser.getEntryPathBuffer();
    int off = parser.getNameOffset();
    for (int i = 0; i < name.length; i++) {
      if (buf[off + i] != name[i]) {
        return false;
      }
    }
    return true;
  }
}
