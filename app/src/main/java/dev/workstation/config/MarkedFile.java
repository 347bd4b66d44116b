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

  /** What is at the file's place in a home, as far as writing it is concerned. */
  public enum State {
    /** Nothing there: ours to write. */
    ABSENT,
    /** Ours, with exactly the content we would write. */
    CURRENT,
    /** Ours (the marker line), with other content: ours to update. */
    STALE,
    /**
     * The user's own (no marker, not a regular file, or under a parent that is not a directory).
     */
    FOREIGN;

    /** The word the worker protocol and the plan carry: {@code absent}, {@code current}, … */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The file's state in {@code home} against {@code content}. */
  public State observe(Path home, String content) throws IOException {
    Path f = home.resolve(relPath);
    Path parent = f.getParent();
    if (!parent.equals(home)
        && Files.exists(parent, LinkOption.NOFOLLOW_LINKS)
        && !Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
      return State.FOREIGN; // e.g. ~/.kube is a symlink or a file: not ours to write through
    }
    if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
      return State.ABSENT;
    }
    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      return State.FOREIGN;
    }
    String current = HomeFiles.readText(f).orElse("");
    if (!current.contains(marker)) {
      return State.FOREIGN;
    }
    return current.equals(content) ? State.CURRENT : State.STALE;
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
    State state = observe(home, content);
    if (state == State.FOREIGN) {
      throw new IOException(
          "~/" + relPath + " is your own (no '" + marker + "' line); not replaced");
    }
    if (state == State.CURRENT) {
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
