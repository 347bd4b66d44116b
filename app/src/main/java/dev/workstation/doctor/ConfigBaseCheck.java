package dev.workstation.doctor;

import dev.workstation.site.SiteConfig;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * With a {@code config_base:}, a user must be able to follow every link into it (SPEC §6.4): each
 * directory on the way searchable by others, the base and its entries readable. Doctor runs as
 * root, before any user may exist, so it reads the bits a non-admin gets — the others' — instead of
 * asking the kernel as root, which may go anywhere. (Reconcile checks the same as each user,
 * through their worker.) The admin's home at the default 0700 is the failure this catches.
 */
final class ConfigBaseCheck implements SiteCheck {
  /** Entries of each kind looked at; a base is a handful, the bound keeps doctor quick. */
  static final int ENTRIES = 1000;

  @Override
  public List<Check> run(SiteConfig s) {
    if (s.configBase().isEmpty()) {
      return List.of();
    }
    SiteConfig.ConfigBase cb = s.configBase().get();
    Path base = cb.dir().toAbsolutePath().normalize();
    if (!Files.isDirectory(base)) {
      return List.of(
          Check.warn(
              "config base",
              base + " does not exist: users get no shared Claude config",
              "create it (the admin's ~/.claude) or fix config_base.dir"));
    }
    Optional<String> closed = closed(base, cb.kinds());
    return List.of(
        closed.isEmpty()
            ? Check.ok("config base", base + " (every user can follow its links)")
            : Check.fail("config base", closed.get().split("\n")[0], closed.get().split("\n")[1]));
  }

  /** What keeps a non-admin out: "what\nremedy"; empty when nothing does. */
  static Optional<String> closed(Path base, List<String> kinds) {
    Path p = base.getRoot();
    for (Path part : base) {
      p = p.resolve(part);
      if (!permissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return Optional.of(
            p
                + " is not searchable by a non-admin ("
                + mode(p)
                + "): no user can follow a link into "
                + base
                + "\nchmod o+x "
                + p
                + " (search only: nothing in it can be listed), or set config_base.dir to a"
                + " directory every user can reach");
      }
    }
    List<Path> unreadable = new ArrayList<>();
    if (!permissions(base).contains(PosixFilePermission.OTHERS_READ)) {
      unreadable.add(base);
    }
    for (String kind : kinds) {
      Path k = base.resolve(kind);
      if (Files.exists(k, LinkOption.NOFOLLOW_LINKS) && !readable(k)) {
        unreadable.add(k);
      }
      if (Files.isDirectory(k, LinkOption.NOFOLLOW_LINKS)) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(k)) {
          int n = 0;
          for (Path e : entries) {
            if (++n > ENTRIES) {
              break;
            }
            if (!readable(e)) {
              unreadable.add(e);
            }
          }
        } catch (IOException e) {
          unreadable.add(k);
        }
      }
    }
    if (unreadable.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "not readable by a non-admin: "
            + String.join(", ", unreadable.stream().map(Path::toString).toList())
            + "\nchmod -R o+rX "
            + String.join(" ", unreadable.stream().map(Path::toString).toList()));
  }

  private static boolean readable(Path p) {
    Set<PosixFilePermission> bits = permissions(p);
    return bits.contains(PosixFilePermission.OTHERS_READ)
        && (!Files.isDirectory(p) || bits.contains(PosixFilePermission.OTHERS_EXECUTE));
  }

  /** The permissions of {@code p} (a link's target's), or none when they cannot be read. */
  private static Set<PosixFilePermission> permissions(Path p) {
    try {
      return Files.getPosixFilePermissions(p);
    } catch (IOException | UnsupportedOperationException e) {
      return Set.of();
    }
  }

  private static String mode(Path p) {
    return PosixFilePermissions.toString(permissions(p));
  }
}
