package dev.workstation.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.api.errors.UnsupportedSigningFormatException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SignatureVerifier;
import org.eclipse.jgit.lib.SignatureVerifiers;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.lib.Signers;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * SSH commit signatures: checking a commit against {@code roster.allowed_signers}, and signing the
 * CLI's own commits. JGit's verifier (org.eclipse.jgit.ssh.apache) checks each signature; who may
 * sign is decided by our reading of the allowed-signers file ({@link AllowedSigners}, through
 * {@link SignerDatabase}), which gives git's verdict: the same file works for {@code git -c
 * gpg.ssh.allowedSignersFile=FILE verify-commit}.
 */
final class CommitSignatures {

  /**
   * Whether a commit's signature counts, and if not, why not (for the report).
   *
   * @param keyFingerprint the signing key's {@code SHA256:} fingerprint (a certificate's own key)
   *     when the signature was verified
   */
  record Check(boolean trusted, String why, Optional<String> keyFingerprint) {
    Check(boolean trusted, String why) {
      this(trusted, why, Optional.empty());
    }
  }

  private final AllowedSigners signers;

  private CommitSignatures(AllowedSigners signers) {
    this.signers = signers;
  }

  /**
   * Verifies against {@code allowedSigners}, read now: a missing file or a malformed line is an
   * error naming it (exit 3), rather than every commit looking untrusted later.
   */
  static CommitSignatures verifyingWith(Path allowedSigners) {
    SignerDatabase.install();
    return new CommitSignatures(AllowedSigners.read(allowedSigners));
  }

  /**
   * Whether {@code commit}'s signature counts. When {@code judgedNow} says so (asked only of a
   * commit signed by a key with a validity end), a key whose {@code valid-before} has passed does
   * not count, whatever date the commit claims (see {@link SignerVerdicts}); otherwise it is judged
   * at the commit's date, as git does — for history root already applied.
   */
  Check check(Repository repo, RevCommit commit, BooleanSupplier judgedNow) {
    if (commit.getRawGpgSignature() == null) {
      return new Check(false, "unsigned");
    }
    SignatureVerifier.SignatureVerification v;
    try {
      v =
          SignatureVerifiers.verify(
              repo, new SignerDatabase.Judgement(signers, judgedNow, Instant.now()), commit);
    } catch (IOException | RuntimeException e) {
      return new Check(false, "signature cannot be verified: " + GitErrors.rootMessage(e));
    }
    if (v == null) {
      return new Check(false, "signed in a format this host does not verify (SSH signatures only)");
    }
    String key = v.keyFingerprint() == null ? "" : " (key " + v.keyFingerprint() + ")";
    if (!v.verified()) {
      String why = v.message() == null ? "signature not valid" : v.message();
      return new Check(
          false, (v.expired() ? "signing key expired: " : "signature not accepted: ") + why + key);
    }
    return new Check(true, "signed by " + v.keyUser(), Optional.ofNullable(v.keyFingerprint()));
  }

  /**
   * The fingerprint of the public half of the OpenSSH private key {@code key} ({@code
   * roster.signing_key}): which signatures are the CLI's own. Empty when it cannot be read.
   */
  static Optional<String> publicFingerprint(Path key) {
    try (java.io.InputStream in = Files.newInputStream(key, LinkOption.NOFOLLOW_LINKS)) {
      for (java.security.KeyPair pair :
          org.apache.sshd.common.util.security.SecurityUtils.loadKeyPairIdentities(
              null, org.apache.sshd.common.NamedResource.ofName(key.toString()), in, null)) {
        return Optional.of(KeyBlobs.fingerprint(pair.getPublic()));
      }
      return Optional.empty();
    } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Signs {@code commit} with the OpenSSH private key {@code key}, which must be a root-owned
   * regular file nobody else can read (0600), like sshd demands of a host key.
   */
  static void sign(Repository repo, CommitBuilder commit, PersonIdent committer, Path key)
      throws IOException {
    requirePrivate(key);
    Config c = new Config();
    c.setString("gpg", null, "format", "ssh");
    Signer signer = Signers.get(GpgConfig.GpgFormat.SSH);
    if (signer == null) {
      throw new IOException("SSH signing is not available in this build");
    }
    try {
      signer.signObject(repo, new GpgConfig(c), commit, committer, key.toString(), null);
    } catch (CanceledException | UnsupportedSigningFormatException | RuntimeException e) {
      throw new IOException(
          "cannot sign the roster commit with roster.signing_key "
              + key
              + ": "
              + GitErrors.rootMessage(e)
              + " (it must be an unencrypted OpenSSH private key)",
          e);
    }
  }

  static void requirePrivate(Path key) throws IOException {
    PosixFileAttributes a;
    try {
      a = Files.readAttributes(key, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new IOException("roster.signing_key " + key + " cannot be read: " + e.getMessage(), e);
    }
    Set<PosixFilePermission> p = a.permissions();
    boolean others =
        p.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"));
    if (!a.isRegularFile() || !a.owner().getName().equals("root") || others) {
      throw new IOException(
          "roster.signing_key "
              + key
              + " must be a regular file owned by root with mode 0600 (chown root: "
              + key
              + " && chmod 600 "
              + key
              + ")");
    }
  }
}
