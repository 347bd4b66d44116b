package dev.workstation.git;

import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.sshd.common.config.keys.OpenSshCertificate;

/**
 * Whether an allowed-signers file lets a key that made a valid git signature vouch, by git's rules
 * (ssh-keygen -Y find-principals, then -Y verify -n git at the commit's date): a plain key must be
 * on a plain line; a certificate's authority on a {@code cert-authority} line, with a principal of
 * the certificate matching that line's principals; the line's {@code namespaces} must allow {@code
 * git}; the commit's date must lie within the line's {@code valid-after}/{@code valid-before}.
 *
 * <p>One thing more than git: a commit root has not applied yet is also judged now, because its
 * date is whatever its signer wrote — the holder of a retired key could backdate a new commit. For
 * such a commit, the line that matched (the one listing the very key, or the authority of the very
 * certificate, that signed) must still be valid now, and so must the certificate.
 */
final class SignerVerdicts {
  private SignerVerdicts() {}

  /** The verdict on a key: allowed (for these principals), refused (and why), or not listed. */
  sealed interface Verdict {
    record Allowed(String principals) implements Verdict {}

    record Refused(boolean expired, String why) implements Verdict {}

    record Unlisted() implements Verdict {}
  }

  static Verdict judge(
      AllowedSigners file,
      PublicKey key,
      String namespace,
      Instant signedAt,
      BooleanSupplier judgedNow,
      Instant now) {
    OpenSshCertificate cert = key instanceof OpenSshCertificate c ? c : null;
    byte[] listed = KeyBlobs.blob(cert == null ? key : cert.getCaPubKey());
    Verdict.Refused first = null;
    for (AllowedSigners.Signer s : file.signers()) {
      if (s.certAuthority() != (cert != null) || !java.util.Arrays.equals(listed, s.blob())) {
        continue;
      }
      Verdict v = line(s, cert, namespace, signedAt, judgedNow, now);
      if (v instanceof Verdict.Allowed) {
        return v;
      }
      if (first == null) {
        first = (Verdict.Refused) v;
      }
    }
    return first != null ? first : new Verdict.Unlisted();
  }

  private static Verdict line(
      AllowedSigners.Signer s,
      OpenSshCertificate cert,
      String namespace,
      Instant signedAt,
      BooleanSupplier judgedNow,
      Instant now) {
    String at = "line " + s.line();
    String principals = s.principals();
    if (cert != null) {
      List<String> named =
          cert.getPrincipals().stream()
              .filter(p -> SshPatterns.matchesList(p, s.principals()))
              .toList();
      if (named.isEmpty()) {
        return new Verdict.Refused(
            false,
            cert.getPrincipals().isEmpty()
                ? "the certificate names no principal (git trusts no such certificate)"
                : "no principal of the certificate matches " + at + "'s principals");
      }
      principals = String.join(",", named);
    }
    if (s.namespaces().isPresent() && !SshPatterns.matchesList(namespace, s.namespaces().get())) {
      return new Verdict.Refused(
          false,
          at + " lists the key for namespaces \"" + s.namespaces().get() + "\", not " + namespace);
    }
    Optional<Verdict> window = window(s, at, signedAt);
    if (window.isPresent()) {
      return window.get();
    }
    Optional<Instant> until = earlier(s.validBefore(), certEnd(cert));
    if (until.isPresent() && !until.get().isAfter(now) && judgedNow.getAsBoolean()) {
      return new Verdict.Refused(
          true,
          "its valid-before ("
              + until.get()
              + ", "
              + (s.validBefore().equals(until) ? at : "the certificate's")
              + ") has passed, and a commit not yet applied is judged now, not at the date it"
              + " claims");
    }
    return new Verdict.Allowed(principals);
  }

  /** A refusal when the commit's date is outside the line's valid-after..valid-before. */
  private static Optional<Verdict> window(AllowedSigners.Signer s, String at, Instant signedAt) {
    if (s.validAfter().isPresent() && signedAt.isBefore(s.validAfter().get())) {
      return Optional.of(
          new Verdict.Refused(
              true,
              "the commit's date ("
                  + signedAt
                  + ") is before "
                  + at
                  + "'s valid-after ("
                  + s.validAfter().get()
                  + ")"));
    }
    if (s.validBefore().isPresent() && signedAt.isAfter(s.validBefore().get())) {
      return Optional.of(
          new Verdict.Refused(
              true,
              at
                  + "'s valid-before ("
                  + s.validBefore().get()
                  + ") had passed at the commit's date ("
                  + signedAt
                  + ")"));
    }
    return Optional.empty();
  }

  /** When a certificate stops being valid; empty for none or "forever" (all ones). */
  private static Optional<Instant> certEnd(OpenSshCertificate cert) {
    if (cert == null || cert.getValidBefore() == -1L) {
      return Optional.empty();
    }
    long s = cert.getValidBefore();
    return Optional.of(
        s < 0 || s > Instant.MAX.getEpochSecond() ? Instant.MAX : Instant.ofEpochSecond(s));
  }

  private static Optional<Instant> earlier(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return Optional.of(a.get().isBefore(b.get()) ? a.get() : b.get());
  }
}
