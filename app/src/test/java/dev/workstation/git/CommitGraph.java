package dev.workstation.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Commits built in memory for the trust walk's tests, in a repository that counts every object read
 * however its reader was made: work is measured in objects read, never in wall time. A commit's
 * message says whether it counts as signed ({@link #signedByMessage}).
 */
final class CommitGraph {
  static final String R = "scripts/workstation/roster.yaml";
  static final String S = "scripts/workstation/managed-settings.json";

  final Counted repo = new Counted();
  final Map<String, String> files = new LinkedHashMap<>();
  private int clock;

  /** An in-memory repository whose object reads are counted. */
  static final class Counted extends InMemoryRepository {
    final AtomicLong reads = new AtomicLong();

    Counted() {
      super(new DfsRepositoryDescription("graph"));
    }

    @Override
    public ObjectReader newObjectReader() {
      return counting(super.newObjectReader(), reads);
    }
  }

  private static ObjectReader counting(ObjectReader inner, AtomicLong reads) {
    return new ObjectReader.Filter() {
      @Override
      protected ObjectReader delegate() {
        return inner;
      }

      @Override
      public ObjectLoader open(AnyObjectId id, int type)
          throws MissingObjectException, IncorrectObjectTypeException, IOException {
        reads.incrementAndGet();
        return inner.open(id, type);
      }

      @Override
      public ObjectReader newReader() {
        return counting(inner.newReader(), reads);
      }
    };
  }

  /** A commit of {@link #files} as they are now, one second after the previous one. */
  RevCommit commit(String message, RevCommit... parents) throws IOException {
    try (ObjectInserter ins = repo.newObjectInserter();
        RevWalk rw = new RevWalk(repo)) {
      DirCache index = DirCache.newInCore();
      DirCacheBuilder b = index.builder();
      for (var e : files.entrySet()) {
        DirCacheEntry ent = new DirCacheEntry(e.getKey());
        ent.setFileMode(FileMode.REGULAR_FILE);
        ent.setObjectId(
            ins.insert(Constants.OBJ_BLOB, e.getValue().getBytes(StandardCharsets.UTF_8)));
        b.add(ent);
      }
      b.finish();
      CommitBuilder c = new CommitBuilder();
      c.setTreeId(index.writeTree(ins));
      c.setParentIds(List.of(parents).stream().map(ObjectId::toObjectId).toList());
      PersonIdent who =
          new PersonIdent(
              "t",
              "t@example.org",
              Instant.ofEpochSecond(1_700_000_000L + clock++),
              ZoneOffset.UTC);
      c.setAuthor(who);
      c.setCommitter(who);
      c.setMessage(message);
      ObjectId id = ins.insert(c);
      ins.flush();
      return rw.parseCommit(id);
    }
  }

  /** 40 signed commits in which the roster changed every other commit; the last is the tip. */
  List<RevCommit> history() throws IOException {
    files.put(R, "users: {}\n");
    files.put(S, "{}\n");
    files.put("README.md", "0\n");
    List<RevCommit> out = new ArrayList<>();
    out.add(commit("signed: initial"));
    for (int i = 1; i < 40; i++) {
      files.put(i % 2 == 0 ? R : "README.md", "v" + i + "\n");
      out.add(commit("signed: " + i, out.get(i - 1)));
    }
    return out;
  }

  /** The files of {@code c}, to build a commit on an old one. */
  Map<String, String> filesOf(RevCommit c) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (org.eclipse.jgit.treewalk.TreeWalk tw = new org.eclipse.jgit.treewalk.TreeWalk(repo)) {
      tw.addTree(c.getTree());
      tw.setRecursive(true);
      while (tw.next()) {
        out.put(
            tw.getPathString(),
            new String(repo.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  /** Signed when the message starts with "signed". */
  static CommitSignatures.Check signedByMessage(RevCommit c) {
    return new CommitSignatures.Check(c.getFullMessage().startsWith("signed"), c.getFullMessage());
  }
}
