package dev.workstation.doctor;

import dev.workstation.site.SiteConfig;
import dev.workstation.util.Inert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
      Path f = r.allowedSigners().get();
      String problem = rootOnly(f, false);
      if (problem.isEmpty() && keys(f) == 0) {
        problem = "lists no key";
      }
      out.add(
          problem.isEmpty()
              ? Check.ok("roster signatures", f + " (" + keys(f) + " allowed signers)")
              : Check.fail(
                  "roster signatures",
                  f + " " + problem,
                  "chown root:root " + f + " && chmod 644 " + f + "; " + RUNBOOK));
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

  private static long keys(Path f) {
    try {
      return new String(Files.readAllBytes(f), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .count();
    } catch (IOException e) {
      return 0;
    }
  }
}
