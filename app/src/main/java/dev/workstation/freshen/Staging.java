package dev.workstation.freshen;

import dev.workstation.util.FileTrees;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where root hands a user the objects their clone lacks: {@code state_dir/staging}, one directory
 * per run and in it one per user, all root's and mode 0700, each made with that mode (never made
 * under the process umask and narrowed after). A bundle is a new file created 0400 — readable by
 * its owner only from the first instant — then given to its user while nobody else can reach it,
 * and handed to the user's git as standard input opened by root ({@link CloneUpdate}): the user
 * never opens it by name, and its path is in nobody's argv. Nothing is ever written into a home;
 * the run's directory is removed at the end.
 */
final class Staging implements AutoCloseable {
  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
  private static final FileAttribute<Set<PosixFilePermission>> DIR_MODE =
      PosixFilePermissions.asFileAttribute(DIR);
  private static final FileAttribute<Set<PosixFilePermission>> BUNDLE_MODE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r--------"));

  private final Path stateDir;
  private final AtomicInteger serial = new AtomicInteger();
  private Path dir;

  private Staging(Path stateDir) {
    this.stateDir = stateDir;
  }

  /** This run's staging area, made when the first bundle is staged (most runs stage none). */
  static Staging open(Path stateDir) {
    return new Staging(stateDir);
  }

  private synchronized Path dir() throws IOException {
    if (dir == null) {
      Path root = stateDir.resolve("staging");
      try {
        Files.createDirectories(stateDir);
        Files.createDirectory(root, DIR_MODE);
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
          throw new IOException(root + " is not a directory");
        }
        // made by an older version (0711, when users opened bundles by name): root's alone now
        Files.setPosixFilePermissions(root, DIR);
      }
      sweep(root);
      dir = Files.createTempDirectory(root, "run-", DIR_MODE);
    }
    return dir;
  }

  /** Run directories a killed run left behind (older than a day: no run lasts that long). */
  private static void sweep(Path root) {
    long cutoff = System.currentTimeMillis() - java.util.concurrent.TimeUnit.DAYS.toMillis(1);
    try (var runs = Files.newDirectoryStream(root, "run-*")) {
      for (Path run : runs) {
        if (Files.getLastModifiedTime(run, LinkOption.NOFOLLOW_LINKS).toMillis() < cutoff) {
          FileTrees.delete(run);
        }
      }
    } catch (IOException e) {
      // best effort: a leftover costs disk space, never correctness
    }
  }

  /** A new file holding {@code bytes}, readable by {@code user} ({@code uid}) alone. */
  Path write(String user, int uid, byte[] bytes) throws IOException {
    Path mine = dir().resolve(Integer.toString(uid));
    try {
      Files.createDirectory(mine, DIR_MODE);
    } catch (FileAlreadyExistsException e) {
      // this run already staged something for them
    }
    Path file = mine.resolve(serial.incrementAndGet() + ".bundle");
    try (SeekableByteChannel out =
        Files.newByteChannel(
            file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), BUNDLE_MODE)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        out.write(b);
      }
    }
    UserPrincipal owner =
        file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
    Files.setOwner(file, owner); // a path in root's own 0700 tree: nobody can swap it
    return file;
  }

  @Override
  public synchronized void close() throws IOException {
    if (dir != null) {
      FileTrees.delete(dir);
    }
  }
}
