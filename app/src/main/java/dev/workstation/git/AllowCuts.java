package dev.workstation.git;

import dev.workstation.site.SiteConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The blast-radius override (SPEC §8.4) a signed commit may carry: {@code Workstation-Allow-Cuts:
 * N}, as a trailer of the commit that vouches for the roster, and only when an admin (or a bot with
 * its own key) signed it.
 */
final class AllowCuts {
  private AllowCuts() {}

  /**
   * The {@code Workstation-Allow-Cuts} trailer of the signed commit behind the roster, read only
   * when an admin signed it: never from a commit signed with {@code roster.signing_key} (the CLI's
   * own commits, whose messages carry text others typed), told apart by the signing key's
   * fingerprint. When that key cannot be read, no signed trailer counts (--allow-cuts still does).
   */
  static OptionalInt of(
      SiteConfig.RosterSource source,
      Map<String, RevCommit> vouchers,
      Map<RevCommit, CommitSignatures.Check> checks,
      boolean verified) {
    RevCommit voucher = vouchers.get(source.path());
    if (voucher == null) {
      return OptionalInt.empty();
    }
    if (verified && !byAdmin(source, checks.get(voucher))) {
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

  private static boolean byAdmin(SiteConfig.RosterSource source, CommitSignatures.Check check) {
    if (check == null || !check.trusted() || check.keyFingerprint().isEmpty()) {
      return false;
    }
    if (source.signingKey().isEmpty()) {
      return true; // no key of the CLI's: every listed key is a person's (or a bot's of theirs)
    }
    Optional<String> cli = CommitSignatures.publicFingerprint(source.signingKey().get());
    return cli.isPresent() && !cli.get().equals(check.keyFingerprint().get());
  }
}
