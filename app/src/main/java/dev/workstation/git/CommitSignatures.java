package dev.workstation.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
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
 * SSH commit signatures, through JGit's own support (org.eclipse.jgit.ssh.apache): checking a
 * commit against git's allowed-signers file, and signing the CLI's own commits. The same file works
 * for {@code git -c gpg.ssh.allowedSignersFile=FILE verify-commit}.
 */
final class CommitSignatures {

  /** Whether a commit's signature counts, and if not, why not (for the report). */
  record Check(boolean trusted, String why) {}

  private final GpgConfig config;
  private final KeyExpiry expiry;

  private CommitSignatures(GpgConfig config, KeyExpiry expiry) {
    this.config = config;
    this.expiry = expiry;
  }

  /**
   * Verifies against {@code allowedSigners}; a missing or unreadable file is an error now rather
   * than every commit looking untrusted later.
   */
  static CommitSignatures verifyingWith(Path allowedSigners) throws IOException {
    if (!Files.isRegularFile(allowedSigners) || !Files.isReadable(allowedSigners)) {
      throw new IOException(
          "roster.allowed_signers "
              + allowedSigners
              + " is not a readable file; create it (git's allowed-signers format) or remove the key"
              + " from the site config (unverified mode)");
    }
    Config c = new Config();
    c.setString("gpg", null, "format", "ssh");
    c.setString("gpg", "ssh", "allowedSignersFile", allowedSigners.toString());
    return new CommitSignatures(new GpgConfig(c), KeyExpiry.read(allowedSigners));
  }

  /**
   * Whether {@code commit}'s signature counts. With {@code now}, a key whose {@code valid-before}
   * has passed does not count, whatever date the commit claims (see {@link KeyExpiry}); without, it
   * is judged at the commit's date, as git does — for history root already applied.
   */
  Check check(Repository repo, RevCommit commit, boolean now) {
    if (commit.getRawGpgSignature() == null) {
      return new Check(false, "unsigned");
    }
    SignatureVerifier.SignatureVerification v;
    try {
      v = SignatureVerifiers.verify(repo, config, commit);
    } catch (IOException | RuntimeException e) {
      return new Check(false, "signature cannot be verified: " + GitErrors.rootMessage(e));
    }
    if (v == null) {
      return new Check(false, "signed in a format this host does not verify (SSH signatures only)");
    }
    if (!v.verified()) {
      String why = v.message() == null ? "signature not valid" : v.message();
      return new Check(
          false,
          (v.expired() ? "signing key expired: " : "signature not accepted: ")
              + why
              + (v.keyFingerprint() == null ? "" : " (key " + v.keyFingerprint() + ")"));
    }
    java.util.Optional<java.time.Instant> before = expiry.validBefore(v.keyFingerprint());
    if (now && before.isPresent() && !before.get().isAfter(java.time.Instant.now())) {
      return new Check(
          false,
          "signing key expired: its valid-before ("
              + before.get()
              + ") has passed, and a commit not yet applied is judged now, not at the date it"
              + " claims (key "
              + v.keyFingerprint()
              + ")");
    }
    return new Check(true, "signed by " + v.keyUser());
  }

  /** Empty the caches JGit keeps of the allowed-signers file (it may change between runs). */
  void close() {
    SignatureVerifier verifier = SignatureVerifiers.get(GpgConfig.GpgFormat.SSH);
    if (verifier != null) {
      verifier.clear();
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
