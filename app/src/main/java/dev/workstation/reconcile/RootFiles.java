package dev.workstation.reconcile;

import dev.workstation.host.RootFileReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Root-owned files as they are now: the text of regular files, and what blocks the others. Read
 * through {@link RootFileReader}: no link followed, no open that waits, at most {@link #CAP} bytes.
 */
final class RootFiles {
  /** The most of a root file that is read: any file we manage is far smaller. */
  static final int CAP = 1 << 20;

  final Map<String, Optional<String>> contents = new HashMap<>();
  final Map<String, String> blocked = new HashMap<>();

  static RootFiles read(Collection<Path> paths) throws IOException {
    RootFiles out = new RootFiles();
    for (Path p : paths) {
      RootFileReader.Read r = RootFileReader.read(p, CAP);
      if (r instanceof RootFileReader.Read.Absent) {
        out.contents.put(p.toString(), Optional.empty());
      } else if (r instanceof RootFileReader.Read.Refused refused) {
        out.blocked.put(p.toString(), refused.why());
      } else if (r instanceof RootFileReader.Read.Bytes b) {
        try {
          String text =
              StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b.bytes())).toString();
          out.contents.put(p.toString(), Optional.of(text));
        } catch (CharacterCodingException e) {
          // rewriting it as text would change bytes we cannot read: leave it and say so
          out.blocked.put(p.toString(), "not UTF-8 text");
        }
      }
    }
    return out;
  }
}
