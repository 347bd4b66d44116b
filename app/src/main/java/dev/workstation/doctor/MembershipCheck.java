package dev.workstation.doctor;

import dev.workstation.host.FileInfo;
import dev.workstation.membership.IdpException;
import dev.workstation.membership.IdpGroup;
import dev.workstation.membership.MembershipSync;
import dev.workstation.site.MembershipConfig;
import dev.workstation.site.SiteConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code membership:}: the IdP token file is root's alone, and the IdP answers for the group with
 * exactly one group — what {@code membership sync} needs before it can run.
 */
final class MembershipCheck implements SiteCheck {
  @Override
  public List<Check> run(SiteConfig s) {
    if (s.membership().isEmpty()) {
      return List.of();
    }
    MembershipConfig m = s.membership().get();
    Optional<Check> token = token(m.tokenFile());
    if (token.isPresent()) {
      return List.of(token.get());
    }
    try {
      List<IdpGroup> groups = MembershipSync.authentik(m).groups(m.group());
      if (groups.size() != 1 || !groups.get(0).name().equals(m.group())) {
        return List.of(
            Check.fail(
                "membership",
                "the IdP returned " + groups.size() + " groups for " + m.group(),
                "set membership.group to the group's exact name"));
      }
      long active = groups.get(0).members().stream().filter(IdpGroup.Member::active).count();
      return List.of(
          Check.ok(
              "membership",
              m.group()
                  + ": "
                  + active
                  + " active members (workstation membership sync --dry-run"
                  + " shows what it would change)"));
    } catch (IdpException e) {
      return List.of(
          Check.fail(
              "membership",
              e.getMessage(),
              "check membership.url and the token's permission to view the group"));
    }
  }

  private static Optional<Check> token(Path f) {
    String write = "install -m 0600 /dev/stdin " + f + " (paste the token, then Ctrl-D)";
    Optional<FileInfo> info;
    try {
      info = FileInfo.lstat(f);
    } catch (java.io.UncheckedIOException e) {
      return Optional.of(Check.fail("membership token", f + ": " + e.getMessage(), write));
    }
    if (info.isEmpty() || info.get().type() != FileInfo.Type.FILE) {
      return Optional.of(Check.fail("membership token", f + " is not a regular file", write));
    }
    if ((info.get().mode() & 0077) != 0) {
      return Optional.of(
          Check.fail(
              "membership token",
              f + " is readable by others (mode " + Integer.toOctalString(info.get().mode()) + ")",
              "chmod 0600 " + f));
    }
    return Optional.empty();
  }
}
