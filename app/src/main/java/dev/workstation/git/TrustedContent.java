package dev.workstation.git;

import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Reads the trusted paths at the newest commit that vouches for them (every commit checked against
 * {@code roster.allowed_signers}, or none in unverified mode) and names each later change that is
 * not applied.
 */
final class TrustedContent {
  private TrustedContent() {}

  /**
   * Which commits root has not applied yet (not the last applied one nor its ancestors): their
   * signatures are judged now. Without a last applied commit, all are. Asked only of a commit
   * signed by a key whose validity ends (rare: admins' commits), and remembered per commit.
   */
  static Predicate<RevCommit> notApplied(Repository repo, Optional<String> lastApplied) {
    Optional<ObjectId> applied =
        lastApplied.filter(ObjectId::isId).map(ObjectId::fromString).filter(id -> has(repo, id));
    if (applied.isEmpty()) {
      return commit -> true;
    }
    Map<ObjectId, Boolean> known = new HashMap<>();
    return commit ->
        known.computeIfAbsent(
            commit.copy(),
            c -> {
              try (RevWalk walk = new RevWalk(repo)) {
                return !walk.isMergedInto(walk.parseCommit(c), walk.parseCommit(applied.get()));
              } catch (IOException e) {
                return true;
              }
            });
  }

  private static boolean has(Repository repo, ObjectId id) {
    try {
      return repo.getObjectDatabase().has(id);
    } catch (IOException e) {
      return false;
    }
  }

  static TrustedSource.Content read(
      SiteConfig.RosterSource source,
      Repository repo,
      RevWalk rw,
      ObjectReader reader,
      RevCommit tip,
      Predicate<RevCommit> judgedNow)
      throws IOException, TrustedSource.SourceException, TooManyCommitsException {
    List<String> paths = source.trustedPaths();
    boolean verified = source.allowedSigners().isPresent();
    Function<RevCommit, CommitSignatures.Check> signatures = signatures(source, repo, judgedNow);
    Map<RevCommit, CommitSignatures.Check> checks = new HashMap<>();
    TrustWalk.Result walk =
        TrustWalk.walk(
            rw,
            reader,
            tip,
            paths,
            c -> checks.computeIfAbsent(c, signatures),
            source.maxUnsignedCommits(),
            PackOrder.of(repo));
    List<TrustedSource.Untrusted> untrusted = new ArrayList<>();
    for (TrustWalk.Refused r : walk.refused()) {
      untrusted.add(
          new TrustedSource.Untrusted(
              r.commit().name(), author(rw, r.commit()), r.paths(), r.why()));
    }
    if (walk.bounded()) {
      throw new TooManyCommitsException(tooMany(source, author(rw, tip), tip, walk));
    }
    RevCommit c = walk.content();
    if (c == null) {
      throw new TrustedSource.SourceException(unsigned(source, paths, untrusted), true);
    }
    List<TrustedPaths.Entry> entries = TrustedPaths.entries(reader, c, paths);
    byte[] roster = roster(source, reader, c, entries.get(0));
    Optional<byte[]> managed = Optional.empty();
    if (paths.size() > 1) {
      managed =
          TrustedPaths.read(reader, c, paths.get(1), entries.get(1), TrustedPaths.SETTINGS_CAP);
    }
    return new TrustedSource.Content(
        c.name(),
        tip.name(),
        roster,
        managed,
        verified,
        List.copyOf(untrusted),
        AllowCuts.of(source, walk.vouchers(), checks, verified));
  }

  /** How each commit's signature is judged: against the allowed signers, or not at all. */
  private static Function<RevCommit, CommitSignatures.Check> signatures(
      SiteConfig.RosterSource source, Repository repo, Predicate<RevCommit> judgedNow) {
    if (source.allowedSigners().isEmpty()) {
      return c -> new CommitSignatures.Check(true, "unverified");
    }
    CommitSignatures verifier = CommitSignatures.verifyingWith(source.allowedSigners().get());
    return c -> verifier.check(repo, c, () -> judgedNow.test(c));
  }

  /** The roster's bytes at {@code c}; a roster path with nothing there is the site's mistake. */
  private static byte[] roster(
      SiteConfig.RosterSource source, ObjectReader reader, RevCommit c, TrustedPaths.Entry entry)
      throws IOException, TrustedSource.SourceException {
    return TrustedPaths.read(reader, c, source.path(), entry, TrustedPaths.ROSTER_CAP)
        .orElseThrow(
            () ->
                new TrustedSource.SourceException(
                    source.path()
                        + " does not exist at "
                        + source.branch()
                        + " (commit "
                        + c.abbreviate(12).name()
                        + "); check roster.path in the site config"));
  }

  private static String author(RevWalk rw, RevCommit commit) throws IOException {
    rw.parseBody(commit);
    PersonIdent a = commit.getAuthorIdent();
    return a == null ? "?" : a.getName() + " <" + a.getEmailAddress() + ">";
  }

  /** No commit vouches for every trusted path: name those no signed change ever vouched for. */
  private static String unsigned(
      SiteConfig.RosterSource source, List<String> paths, List<TrustedSource.Untrusted> untrusted) {
    TrustedSource.Untrusted first =
        untrusted.isEmpty() ? null : untrusted.get(untrusted.size() - 1);
    List<String> named = first == null ? paths : first.paths();
    return String.join(" and ", named)
        + (named.size() == 1 ? " has" : " have")
        + " no version on "
        + source.branch()
        + " signed by a key in roster.allowed_signers"
        + (first == null
            ? ""
            : " (first untrusted change: commit " + first.shortSha() + ", " + first.why() + ")")
        + "; an admin makes a signed commit that changes "
        + (named.size() == 1 ? "it" : "each of them")
        + " (docs/runbooks/roster-signing.md, step 3)";
  }

  /** The walk read its bound of commits without finding the last signed change of every path. */
  private static TrustedSource.Untrusted tooMany(
      SiteConfig.RosterSource source, String author, RevCommit tip, TrustWalk.Result walk) {
    return new TrustedSource.Untrusted(
        tip.name(),
        author,
        walk.unsettled(),
        "too many unsigned commits since the last signed change ("
            + walk.walked()
            + "): the trust walk stops at roster.max_unsigned_commits ("
            + source.maxUnsignedCommits()
            + ") and applies nothing new; an admin makes a signed commit that changes "
            + String.join(" and ", walk.unsettled())
            + " (docs/runbooks/roster-signing.md)");
  }

  /** Why the CLI refuses to commit on a head that carries untrusted changes. */
  static String untrustedHead(
      SiteConfig.RosterSource source, List<TrustedSource.Untrusted> untrusted) {
    StringBuilder commits = new StringBuilder();
    for (TrustedSource.Untrusted u : untrusted) {
      commits
          .append(commits.length() == 0 ? "" : "; ")
          .append(u.shortSha())
          .append(" by ")
          .append(u.author())
          .append(" (")
          .append(String.join(", ", u.paths()))
          .append(": ")
          .append(u.why())
          .append(')');
    }
    return "refused: the head of "
        + source.branch()
        + " carries untrusted changes to the roster source: "
        + commits
        + "; an admin must review them (revert, or re-state the content in a signed commit)"
        + " before workstation builds on it";
  }

  /** Refuses content that does not descend from the last applied commit: history was rewritten. */
  static void requireDescent(
      SiteConfig.RosterSource source, Repository repo, String applied, String content)
      throws IOException, TrustedSource.RewrittenException {
    ObjectId a = ObjectId.isId(applied) ? ObjectId.fromString(applied) : null;
    boolean descends;
    try (RevWalk walk = new RevWalk(repo)) {
      descends =
          a != null
              && repo.getObjectDatabase().has(a)
              && walk.isMergedInto(
                  walk.parseCommit(a), walk.parseCommit(ObjectId.fromString(content)));
    } catch (org.eclipse.jgit.errors.MissingObjectException
        | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
      descends = false;
    }
    if (!descends) {
      throw new TrustedSource.RewrittenException(
          "refused: "
              + source.branch()
              + " at commit "
              + content.substring(0, 12)
              + " does not descend from the last applied commit "
              + applied.substring(0, Math.min(12, applied.length()))
              + " (history was rewritten); the last applied roster stays in force until an admin"
              + " restores the history or pushes a signed commit on top of it");
    }
  }
}
