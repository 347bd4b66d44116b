package dev.workstation.doctor;

import dev.workstation.host.FileInfo;
import dev.workstation.site.SiteConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The Vault token file: present, and readable by root only (it is a credential). */
final class VaultTokenCheck implements SiteCheck {
  @Override
  public List<Check> run(SiteConfig s) {
    Optional<Path> file = s.vault().flatMap(SiteConfig.Vault::tokenFile);
    if (file.isEmpty()) {
      return List.of();
    }
    Path f = file.get();
    String write = "install -m 0600 /dev/stdin " + f + " (paste the token, then Ctrl-D)";
    Optional<FileInfo> info;
    try {
      info = FileInfo.lstat(f);
    } catch (java.io.UncheckedIOException e) {
      return List.of(Check.fail("vault token", f + ": " + e.getMessage(), write));
    }
    if (info.isEmpty()) {
      return List.of(Check.fail("vault token", f + " does not exist", write));
    }
    if (info.get().type() != FileInfo.Type.FILE) {
      return List.of(Check.fail("vault token", f + " is not a regular file", write));
    }
    if ((info.get().mode() & 0077) != 0) {
      return List.of(
          Check.fail(
              "vault token",
              f + " is readable by others (mode " + Integer.toOctalString(info.get().mode()) + ")",
              "chmod 0600 " + f));
    }
    return List.of(Check.ok("vault token", f + " (0600)"));
  }
}
