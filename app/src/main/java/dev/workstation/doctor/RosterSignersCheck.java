package dev.workstation.doctor;

import dev.workstation.git.AllowedSigners;
import dev.workstation.input.InvalidInputException;
import dev.workstation.site.SiteConfig;
import dev.workstation.util.Inert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The roster source's trust configuration (SPEC §8.1): verification is on, and the allowed-signers
 * file and the signing key are root's alone.
 */
final class RosterSignersCheck {
  static final String RUNBOOK = "see docs/runbooks/roster-signing.md";

  private RosterSignersCheck() {}

  static List<Check> run(SiteConfig.RosterSource r) {
    List<Check> out = new ArrayList<>();
    if (r.allowedSigners().isEmpty()) {
      out.add(
          Check.fail(
              "roster signatures",
              "unverified mode: roster.allowed_signers is not set, so anyone who can push to "
                  + Inert.text(r.url())
                  + " decides who gets accounts and admin",
              "list the admins' SSH signing keys in an allowed-signers file and set"
                  + " roster.allowed_signers; "
                  + RUNBOOK));
    } else {
      out.add(signers(r.allowedSigners().get()));
    }
    if (r.signingKey().isPresent()) {
      Path k = r.signingKey().get();
      String problem = rootOnly(k, true);
      out.add(
          problem.isEmpty()
              ? Check.ok("roster signing key", k.toString())
              : Check.fail(
                  "roster signing key",
                  k + " " + problem,
                  "chown root:root " + k + " && chmod 600 " + k));
    } else if (r.allowedSigners().isPresent()) {
      out.add(
          Check.warn(
              "roster signing key",
              "roster.signing_key is not set: onboard/offboard/park/unpark refuse to commit",
              "generate one (ssh-keygen -t ed25519 -N '' -f /etc/workstation/signing_key), list its"
                  + " public key in allowed_signers; "
                  + RUNBOOK));
    }
    if (r.deprecatedAdmins()) {
      out.add(
          Check.warn(
              "roster admins",
              "roster.admins is deprecated and ignored (signatures replace it)",
              "remove admins: from the site config"));
    }
    return out;
  }

  /** "" when {@code f} is a regular file owned by root that nobody else may write (or read). */
  static String rootOnly(Path f, boolean secret) {
    try {
      PosixFileAttributes a =
          Files.readAttributes(f, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile()) {
        return "is not a regular file" + (a.isSymbolicLink() ? " (a symlink)" : "");
      }
      if (!a.owner().getName().equals("root")) {
        return "is owned by " + a.owner().getName() + ", not root";
      }
      Set<PosixFilePermission> p = a.permissions();
      if (p.contains(PosixFilePermission.GROUP_WRITE)
          || p.contains(PosixFilePermission.OTHERS_WRITE)) {
        return "is writable by others than root";
      }
      if (secret
          && (p.contains(PosixFilePermission.GROUP_READ)
              || p.contains(PosixFilePermission.OTHERS_READ))) {
        return "is readable by others than root (it is a private key: mode 0600)";
      }
      PosixFileAttributes dir =
          Files.readAttributes(f.toAbsolutePath().getParent(), PosixFileAttributes.class);
      if (!dir.owner().getName().equals("root")
          || dir.permissions().contains(PosixFilePermission.OTHERS_WRITE)
          || dir.permissions().contains(PosixFilePermission.GROUP_WRITE)) {
        return "is in a directory others than root may write (they could replace it)";
      }
      return "";
    } catch (IOException e) {
      return "cannot be read: " + e.getMessage();
    }
  }

  /**
   * The allowed-signers file, read by the parser the verdict uses: a line it refuses fails here by
   * file and line, as it fails every run (exit 3).
   */
  private static Check signers(Path f) {
    if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
      return Check.fail(
          "roster signatures",
          f + " does not exist",
          "install -o root -g root -m 644 /dev/null "
              + f
              + ", then list each admin's signing key in it; "
              + RUNBOOK);
    }
    String problem = rootOnly(f, false);
    if (!problem.isEmpty()) {
      return Check.fail(
          "roster signatures",
          f + " " + problem,
          "chown root:root " + f + " && chmod 644 " + f + "; " + RUNBOOK);
    }
    AllowedSigners signers;
    try {
      signers = AllowedSigners.read(f);
    } catch (InvalidInputException e) {
      return Check.fail(
          "roster signatures",
          Inert.text(e.problems().get(0).render())
              + (e.problems().size() > 1 ? " (and " + (e.problems().size() - 1) + " more)" : ""),
          "fix or remove the line (ssh-keygen(1), ALLOWED SIGNERS); " + RUNBOOK);
    }
    if (signers.signers().isEmpty()) {
      return Check.fail(
          "roster signatures", f + " lists no key", "list each admin's signing key; " + RUNBOOK);
    }
    return Check.ok("roster signatures", f + " (" + signers.signers().size() + " allowed signers)");
  }
}
