package dev.workstation.reconcile;

import dev.workstation.host.FileInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Root-owned files as they are now: content of regular files, and what blocks the others. */
final class RootFiles {
  final Map<String, Optional<String>> contents = new HashMap<>();
  final Map<String, String> blocked = new HashMap<>();

  static RootFiles read(Collection<Path> paths) throws IOException {
    RootFiles out = new RootFiles();
    for (Path p : paths) {
      Optional<FileInfo> info = FileInfo.lstat(p);
      if (info.isEmpty()) {
        out.contents.put(p.toString(), Optional.empty());
      } else if (info.get().type() == FileInfo.Type.FILE) {
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
          // no-follow at the open too: a link swapped in after the lstat is refused, not read
          String text =
              StandardCharsets.UTF_8
                  .newDecoder()
                  .decode(ByteBuffer.wrap(in.readAllBytes()))
                  .toString();
          out.contents.put(p.toString(), Optional.of(text));
        } catch (java.nio.charset.CharacterCodingException e) {
          // rewriting it as text would change bytes we cannot read: leave it and say so
          out.blocked.put(p.toString(), "not UTF-8 text");
        }
      } else {
        out.blocked.put(
            p.toString(),
            "a "
                + info.get().type().name().toLowerCase(java.util.Locale.ROOT)
                + ", not a regular file");
      }
    }
    return out;
  }
}
