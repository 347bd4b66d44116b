package dev.workstation.git;

import java.io.IOException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.signing.ssh.SigningKeyDatabase;
import org.eclipse.jgit.signing.ssh.VerificationException;

/**
 * Where JGit's SSH verifier asks who may sign: it checks the signature itself (the SSHSIG envelope,
 * the namespace {@code git}, the cryptography, a certificate's authority signature and validity at
 * the commit's date) and then asks this database whether the key is allowed. For a check of ours —
 * a {@link Judgement} — the answer comes from our own parser ({@link AllowedSigners}, judged by
 * {@link SignerVerdicts}); any other caller gets JGit's own database, as before.
 *
 * <p>Why not JGit's own reading of the file: JGit 7.8 (AllowedSigners in
 * org.eclipse.jgit.ssh.apache) reads options separated by spaces, not by commas as ssh-keygen does,
 * so {@code cert-authority,valid-before="…"} or {@code namespaces="git",valid-after="…"} fails the
 * whole file and every signature, plain keys too; and it judges validity only at the commit's date,
 * which the signer writes.
 */
final class SignerDatabase implements SigningKeyDatabase {
  private static boolean installed;

  private final SigningKeyDatabase jgits;

  private SignerDatabase(SigningKeyDatabase jgits) {
    this.jgits = jgits;
  }

  /** Puts this database in front of JGit's (JGit keeps one per process), once. */
  static synchronized void install() {
    if (!installed) {
      SigningKeyDatabase.setInstance(new SignerDatabase(SigningKeyDatabase.getInstance()));
      installed = true;
    }
  }

  /** The settings of one of our checks: the file read for this run, and when "now" is. */
  static final class Judgement extends GpgConfig {
    final AllowedSigners signers;
    final BooleanSupplier judgedNow;
    final Instant now;

    Judgement(AllowedSigners signers, BooleanSupplier judgedNow, Instant now) {
      super(ssh());
      this.signers = signers;
      this.judgedNow = judgedNow;
      this.now = now;
    }

    private static Config ssh() {
      Config c = new Config();
      c.setString("gpg", null, "format", "ssh");
      return c;
    }
  }

  @Override
  public boolean isRevoked(Repository repository, GpgConfig config, PublicKey key)
      throws IOException {
    // gpg.ssh.revocationFile is not wired in: a key is revoked by removing its line
    return config instanceof Judgement ? false : jgits.isRevoked(repository, config, key);
  }

  @Override
  public String isAllowed(
      Repository repository, GpgConfig config, PublicKey key, String namespace, PersonIdent ident)
      throws IOException, VerificationException {
    if (!(config instanceof Judgement j)) {
      return jgits.isAllowed(repository, config, key, namespace, ident);
    }
    Instant signedAt = ident == null ? j.now : ident.getWhenAsInstant();
    SignerVerdicts.Verdict v =
        SignerVerdicts.judge(j.signers, key, namespace, signedAt, j.judgedNow, j.now);
    if (v instanceof SignerVerdicts.Verdict.Allowed a) {
      return a.principals();
    }
    if (v instanceof SignerVerdicts.Verdict.Refused r) {
      throw new VerificationException(r.expired(), r.why());
    }
    throw new VerificationException(
        false, "the key is not listed in roster.allowed_signers (" + j.signers.file() + ")");
  }
}
