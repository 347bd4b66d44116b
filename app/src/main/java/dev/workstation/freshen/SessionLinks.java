package dev.workstation.freshen;

import dev.workstation.host.HomeReader;
import dev.workstation.host.Nss;
import dev.workstation.util.Deadline;
import dev.workstation.worker.UserWorker;
import dev.workstation.worker.WorkerReply;
import dev.workstation.worker.WorkerRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The session service's refresh of the caller's Config base links (SPEC §6.3: a session start
 * refreshes them, so a new shared skill is there at once), without starting a process when nothing
 * can have changed. The links are made as always by the user's own worker ({@code
 * config.ConfigLinks}, as the user); the service only decides whether to ask it. It keeps, per uid
 * in {@code state_dir/session-links} (root's), a digest of what the last run saw: the base's
 * entries for each kind (root lists the admin's base) and {@code lstat} of {@code ~/.claude} and
 * each {@code ~/.claude/<kind>} (through the guarded {@link HomeReader}: replacing, adding or
 * removing any link in them changes a directory's times). Equal digests: the links are as the
 * worker last left them. Anything else, a reconcile's own changes included, and the worker runs
 * once.
 */
public final class SessionLinks {
  static final int MAX_BASE_ENTRIES = 10_000;

  private final WorkerRequest.LinkSpec spec;
  private final Path stamps;
  private final Duration timeout;

  public SessionLinks(WorkerRequest.LinkSpec spec, Path stateDir, Duration timeout) {
    this.spec = spec;
    this.stamps = stateDir.resolve("session-links");
    this.timeout = timeout;
  }

  /** The changes the user's worker made; empty when nothing could have changed (no worker ran). */
  Optional<List<String>> refresh(Nss.PasswdEntry pw, Deadline deadline) throws IOException {
    Path file = stamps.resolve(Integer.toString(pw.uid()));
    String before = digest(pw);
    if (before.equals(read(file))) {
      return Optional.empty();
    }
    WorkerReply.LinkChanges r =
        new UserWorker(pw.name(), pw.uid(), pw.gid(), pw.home(), timeout)
            .call(new WorkerRequest.Links(spec), deadline.cap(timeout));
    write(file, digest(pw));
    return Optional.of(r.changes());
  }

  /** What the links depend on, as root can see it without following anything of the user's. */
  String digest(Nss.PasswdEntry pw) throws IOException {
    StringBuilder b = new StringBuilder(spec.toString()).append('\n');
    for (String kind : spec.kinds()) {
      b.append(kind).append(": ").append(baseEntries(Path.of(spec.base()).resolve(kind)));
      b.append('\n');
    }
    try (HomeReader home = HomeReader.open(Path.of(pw.home()), pw.uid())) {
      Optional<String> claude = home.stamp(".claude");
      b.append(".claude ").append(claude.orElse("absent")).append('\n');
      for (String kind : spec.kinds()) {
        b.append(kind).append(' ');
        try {
          b.append(home.stamp(".claude/" + kind).orElse("absent"));
        } catch (IOException e) {
          b.append("unreadable"); // ~/.claude is not a plain directory: the worker says so
        }
        b.append('\n');
      }
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The base's entries of one kind (sorted names), or what it is when not a directory. */
  private static String baseEntries(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return Files.exists(dir, LinkOption.NOFOLLOW_LINKS) ? "not a directory" : "absent";
    }
    TreeSet<String> names = new TreeSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        if (names.size() >= MAX_BASE_ENTRIES) {
          break;
        }
        names.add(p.getFileName().toString());
      }
    }
    return String.join("/", new ArrayList<>(names));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      return "";
    }
  }

  /** The digest, root's alone: a new file made with its final mode, renamed into place. */
  private void write(Path file, String digest) throws IOException {
    Files.createDirectories(
        stamps, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path tmp = stamps.resolve(file.getFileName() + ".tmp-" + Thread.currentThread().getId());
    Files.deleteIfExists(tmp);
    try (var out =
        Files.newByteChannel(
            tmp,
            java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
      out.write(java.nio.ByteBuffer.wrap((digest + "\n").getBytes(StandardCharsets.US_ASCII)));
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
