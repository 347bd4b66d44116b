package dev.workstation.config;

import dev.workstation.host.HomeFiles;
import dev.workstation.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file we keep in a user's home (the launcher, the kubeconfig), written by their worker. Ours
 * carries a marker line; a file without it is the user's own and is never replaced. Written only if
 * absent, or ours and out of date.
 */
public record MarkedFile(String relPath, String marker, String mode, String parentMode) {
  public static final MarkedFile LAUNCHER =
      new MarkedFile("start-claude.sh", "# managed-by: workstation", "rwxr-xr-x", null);
  public static final MarkedFile KUBECONFIG =
      new MarkedFile(".kube/config", "# managed-by: workstation", "rw-------", "rwx------");

  /** absent | current | stale | foreign */
  public String state(Path home, String content) throws IOException {
    Path f = home.resolve(relPath);
    Path parent = f.getParent();
    if (!parent.equals(home)
        && Files.exists(parent, LinkOption.NOFOLLOW_LINKS)
        && !Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
      return "foreign"; // e.g. ~/.kube is a symlink or a file: not ours to write through
    }
    if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
      return "absent";
    }
    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      return "foreign";
    }
    String current = HomeFiles.readText(f).orElse("");
    if (!current.contains(marker)) {
      return "foreign";
    }
    return current.equals(content) ? "current" : "stale";
  }

  /** The file's content when it is ours (a regular file with the marker); else empty. */
  public java.util.Optional<String> ours(Path home) throws IOException {
    Path f = home.resolve(relPath);
    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      return java.util.Optional.empty();
    }
    return HomeFiles.readText(f).filter(c -> c.contains(marker));
  }

  public void write(Path home, String content) throws IOException {
    String state = state(home, content);
    if (state.equals("foreign")) {
      throw new IOException(
          "~/" + relPath + " is your own (no '" + marker + "' line); not replaced");
    }
    if (state.equals("current")) {
      return;
    }
    Path f = home.resolve(relPath);
    if (parentMode != null && !Files.exists(f.getParent(), LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectory(
          f.getParent(),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(parentMode)));
      Files.setPosixFilePermissions(f.getParent(), PosixFilePermissions.fromString(parentMode));
    }
    AtomicFiles.write(
        f, content.getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString(mode));
  }
}
