package dev.workstation.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;

/**
 * First-parent attribution, on commits built in memory: a commit's message says whether it counts
 * as signed, so the walk is tested apart from the cryptography (RosterTrustE2E does both).
 */
class TrustWalkTest {
  static final String R = "roster.yaml";
  static final String S = "managed-settings.json";
  final InMemoryRepository repo = new InMemoryRepository(new DfsRepositoryDescription("t"));
  final Map<String, String> files = new LinkedHashMap<>();

  RevCommit commit(String message, RevCommit... parents) throws Exception {
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
      PersonIdent who = new PersonIdent("t", "t@example.org");
      c.setAuthor(who);
      c.setCommitter(who);
      c.setMessage(message);
      ObjectId id = ins.insert(c);
      ins.flush();
      return rw.parseCommit(id);
    }
  }

  TrustWalk.Result walk(RevCommit tip) throws Exception {
    try (RevWalk rw = new RevWalk(repo);
        var reader = repo.newObjectReader()) {
      return TrustWalk.walk(
          rw,
          reader,
          rw.parseCommit(tip),
          List.of(R, S),
          c ->
              new CommitSignatures.Check(
                  c.getFullMessage().startsWith("signed"), c.getFullMessage()));
    }
  }

  RevCommit base() throws Exception {
    files.put(R, "users: {}\n");
    files.put(S, "{}\n");
    return commit("signed: initial");
  }

  @Test
  void every_change_signed_means_the_tip_is_trusted() throws Exception {
    RevCommit a = base();
    files.put(R, "users: {a: 1}\n");
    RevCommit b = commit("signed: b", a);
    TrustWalk.Result r = walk(b);
    assertEquals(b, r.content());
    assertEquals(List.of(), r.refused());
  }

  @Test
  void an_unsigned_change_on_top_leaves_its_parent_as_the_content() throws Exception {
    RevCommit a = base();
    files.put(R, "users: {mallory: admin}\n");
    RevCommit u = commit("unsigned grant", a);
    TrustWalk.Result r = walk(u);
    assertEquals(a, r.content());
    assertEquals(List.of(u), r.refused().stream().map(TrustWalk.Refused::commit).toList());
    assertEquals(List.of(R), r.refused().get(0).paths());
  }

  @Test
  void a_later_signed_change_to_the_same_path_vouches_for_its_whole_content() throws Exception {
    RevCommit a = base();
    files.put(R, "users: {mallory: admin}\n");
    RevCommit u = commit("unsigned grant", a);
    files.put(R, "users: {}\n");
    RevCommit s = commit("signed: revert", u);
    TrustWalk.Result r = walk(s);
    assertEquals(s, r.content());
    assertEquals(List.of(), r.refused());
  }

  @Test
  void a_signed_change_to_one_path_does_not_vouch_for_an_unsigned_change_to_the_other()
      throws Exception {
    RevCommit a = base();
    files.put(S, "{\"hooks\": {}}\n");
    RevCommit u = commit("unsigned hooks", a);
    files.put(R, "users: {b: 1}\n");
    RevCommit s = commit("signed: roster", u);
    TrustWalk.Result r = walk(s);
    assertEquals(a, r.content(), "held back to before the unsigned settings change");
    assertEquals(List.of(u), r.refused().stream().map(TrustWalk.Refused::commit).toList());
  }

  @Test
  void unsigned_commits_that_touch_no_trusted_path_do_not_matter() throws Exception {
    RevCommit a = base();
    files.put("README.md", "hello\n");
    RevCommit u = commit("unsigned docs", a);
    assertEquals(u, walk(u).content());
  }

  @Test
  void a_signed_merge_vouches_for_the_unsigned_commits_it_brings_in() throws Exception {
    RevCommit a = base();
    files.put(R, "users: {b: 1}\n");
    RevCommit side = commit("unsigned on a branch", a);
    RevCommit merge = commit("signed: merge", a, side);
    TrustWalk.Result r = walk(merge);
    assertEquals(merge, r.content());
    assertEquals(List.of(), r.refused());
  }

  @Test
  void an_unsigned_merge_of_signed_work_is_itself_the_untrusted_change() throws Exception {
    RevCommit a = base();
    files.put(R, "users: {b: 1}\n");
    RevCommit side = commit("signed: on a branch", a);
    RevCommit merge = commit("unsigned merge", a, side);
    TrustWalk.Result r = walk(merge);
    assertEquals(a, r.content());
    assertEquals(List.of(merge), r.refused().stream().map(TrustWalk.Refused::commit).toList());
  }

  @Test
  void an_unsigned_first_version_leaves_no_trusted_content() throws Exception {
    files.put(R, "users: {}\n");
    RevCommit u = commit("unsigned initial");
    assertNull(walk(u).content());
  }

  @Test
  void the_signed_commit_behind_each_path_is_known_for_its_trailers() throws Exception {
    RevCommit a = base();
    files.put(R, "users: {}\n# x\n");
    RevCommit b = commit("signed: b\n\nWorkstation-Allow-Cuts: 3\n", a);
    files.put("README.md", "x\n");
    RevCommit c = commit("unsigned docs", b);
    TrustWalk.Result r = walk(c);
    assertEquals(c, r.content());
    assertEquals(b, r.vouchers().get(R));
    assertEquals(a, r.vouchers().get(S));
  }

  @Test
  void an_unsigned_merge_with_an_old_first_parent_cannot_roll_back_a_signed_change()
      throws Exception {
    RevCommit s0 = base();
    files.put(R, "users: {emo: power-user}\n"); // the admin demotes emo
    RevCommit s1 = commit("signed: demote emo", s0);
    files.put(R, "users: {}\n"); // S0's tree again, S0 first, S1 second: a fast-forward of S1
    RevCommit m = commit("unsigned merge", s0, s1);
    TrustWalk.Result r = walk(m);
    assertEquals(List.of(m), r.refused().stream().map(TrustWalk.Refused::commit).toList());
    assertEquals(List.of(R), r.refused().get(0).paths());
    assertEquals(s0, r.content(), "S0 does not descend from the applied S1: the source refuses it");
  }

  @Test
  void an_unsigned_merge_of_a_stale_branch_that_never_touched_the_roster_needs_no_signature()
      throws Exception {
    RevCommit a = base();
    files.put("README.md", "feature\n");
    RevCommit feature = commit("unsigned feature", a);
    files.remove("README.md");
    files.put(R, "users: {b: 1}\n");
    RevCommit s = commit("signed: add b", a);
    files.put("README.md", "feature\n");
    RevCommit m = commit("unsigned merge of the feature", s, feature);
    TrustWalk.Result r = walk(m);
    assertEquals(m, r.content());
    assertEquals(List.of(), r.refused());
  }

  @Test
  void the_walk_stops_at_its_bound_naming_the_paths_no_signed_change_settled() throws Exception {
    RevCommit tip = base();
    files.put(S, "{\"x\": 1}\n");
    tip = commit("signed: settings", tip);
    for (int i = 0; i < 5; i++) {
      files.put("README.md", i + "\n");
      tip = commit("unsigned docs " + i, tip);
    }
    try (RevWalk rw = new RevWalk(repo);
        var reader = repo.newObjectReader()) {
      java.util.function.Function<RevCommit, CommitSignatures.Check> byMessage =
          c -> new CommitSignatures.Check(c.getFullMessage().startsWith("signed"), "");
      TrustWalk.Result bounded =
          TrustWalk.walk(rw, reader, rw.parseCommit(tip), List.of(R, S), byMessage, 6, ids -> ids);
      assertTrue(bounded.bounded());
      assertNull(bounded.content());
      assertEquals(6, bounded.walked());
      assertEquals(List.of(R), bounded.unsettled(), "the settings were settled, the roster not");
      TrustWalk.Result enough =
          TrustWalk.walk(rw, reader, rw.parseCommit(tip), List.of(R, S), byMessage, 7, ids -> ids);
      assertEquals(tip, enough.content());
      assertEquals(7, enough.walked());
    }
  }
}
