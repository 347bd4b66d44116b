package dev.workstation.git;

import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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
   * signatures are judged now. Without a last applied commit, all are.
   */
  static java.util.function.Predicate<RevCommit> notApplied(
      Repository repo, Optional<String> lastApplied) {
    Optional<ObjectId> applied =
        lastApplied.filter(ObjectId::isId).map(ObjectId::fromString).filter(id -> has(repo, id));
    if (applied.isEmpty()) {
      return commit -> true;
    }
    return commit -> {
      try (RevWalk walk = new RevWalk(repo)) {
        return !walk.isMergedInto(walk.parseCommit(commit), walk.parseCommit(applied.get()));
      } catch (IOException e) {
        return true;
      }
    };
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
      java.util.function.Predicate<RevCommit> judgedNow)
      throws IOException, TrustedSource.SourceException {
    List<String> paths = source.trustedPaths();
    TrustWalk.Result walk;
    boolean verified = source.allowedSigners().isPresent();
    if (verified) {
      CommitSignatures signatures = CommitSignatures.verifyingWith(source.allowedSigners().get());
      try {
        walk =
            TrustWalk.walk(
                rw, reader, tip, paths, c -> signatures.check(repo, c, judgedNow.test(c)));
      } finally {
        signatures.close();
      }
    } else {
      walk =
          TrustWalk.walk(
              rw, reader, tip, paths, c -> new CommitSignatures.Check(true, "unverified"));
    }
    List<TrustedSource.Untrusted> untrusted = new ArrayList<>();
    for (TrustWalk.Refused r : walk.refused()) {
      PersonIdent a = r.commit().getAuthorIdent();
      untrusted.add(
          new TrustedSource.Untrusted(
              r.commit().name(),
              a == null ? "?" : a.getName() + " <" + a.getEmailAddress() + ">",
              r.paths(),
              r.why()));
    }
    RevCommit c = walk.content();
    if (c == null) {
      throw new TrustedSource.SourceException(
          source.path()
              + " has no version on "
              + source.branch()
              + " signed by a key in roster.allowed_signers"
              + (untrusted.isEmpty()
                  ? ""
                  : " (first untrusted change: commit "
                      + untrusted.get(untrusted.size() - 1).shortSha()
                      + ", "
                      + untrusted.get(untrusted.size() - 1).why()
                      + ")"));
    }
    List<TrustedPaths.Entry> entries = TrustedPaths.entries(reader, c, paths);
    byte[] roster =
        TrustedPaths.read(reader, c, source.path(), entries.get(0), TrustedPaths.ROSTER_CAP)
            .orElseThrow(
                () ->
                    new TrustedSource.SourceException(
                        source.path()
                            + " does not exist at "
                            + source.branch()
                            + " (commit "
                            + c.abbreviate(12).name()
                            + "); check roster.path in the site config"));
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
        allowCuts(source, walk.vouchers()));
  }

  private static OptionalInt allowCuts(
      SiteConfig.RosterSource source, Map<String, RevCommit> vouchers) {
    RevCommit voucher = vouchers.get(source.path());
    if (voucher == null) {
      return OptionalInt.empty();
    }
    List<String> values = voucher.getFooterLines(TrustedSource.ALLOW_CUTS_TRAILER);
    if (values.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      int n = Integer.parseInt(values.get(values.size() - 1).strip());
      return n < 0 ? OptionalInt.empty() : OptionalInt.of(n);
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
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
