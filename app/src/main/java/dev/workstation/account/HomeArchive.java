package dev.workstation.account;

import dev.workstation.host.ProcessRunner;
import dev.workstation.util.AtomicFiles;
import dev.workstation.util.Dirs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The archive taken before a destroy: a compressed tar of the home (numeric owners, xattrs, ACLs)
 * with its SHA-256 beside it, verified by reading it back — {@code tar --compare} against the live
 * home, and the checksum recomputed from disk. Any failure (a full disk included) throws, and the
 * caller deletes nothing.
 */
public final class HomeArchive {
  private HomeArchive() {}

  public record Archive(Path file, String sha256) {}

  public static Archive create(Path archiveDir, Path homeRoot, String user) throws IOException {
    Dirs.ensure(archiveDir, Dirs.PRIVATE);
    String stamp = Instant.now().toString().replace(":", "").replace("-", "");
    Path file = archiveDir.resolve(user + "-" + stamp + ".tar.gz");
    ProcessRunner tar = new ProcessRunner(Duration.ofHours(2));
    try {
      tar.run(
              List.of(
                  "tar",
                  "--create",
                  "--gzip",
                  "--numeric-owner",
                  "--xattrs",
                  "--acls",
                  "--file",
                  file.toString(),
                  "--directory",
                  homeRoot.toString(),
                  "--",
                  user))
          .check();
      tar.run(
              List.of(
                  "tar",
                  "--compare",
                  "--gzip",
                  "--numeric-owner",
                  "--file",
                  file.toString(),
                  "--directory",
                  homeRoot.toString(),
                  "--",
                  user))
          .check();
      String sha = sha256(file);
      AtomicFiles.write(
          archiveDir.resolve(file.getFileName() + ".sha256"),
          (sha + "  " + file.getFileName() + "\n").getBytes(StandardCharsets.UTF_8),
          AtomicFiles.ROOT_ONLY);
      if (!sha256(file).equals(sha)) {
        throw new IOException("archive " + file + " changed while being verified");
      }
      return new Archive(file, sha);
    } catch (RuntimeException | IOException e) {
      Files.deleteIfExists(file);
      throw new IOException(
          "archiving " + homeRoot.resolve(user) + " failed, nothing was deleted: " + e.getMessage(),
          e);
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
