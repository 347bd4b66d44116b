package dev.workstation.git;

import java.io.IOException;
import java.net.URI;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A remote's smart-HTTP ref advertisement, the first step of every fetch ({@code GET
 * info/refs?service=git-upload-pack}, protocol v0): asked with the user's own credentials for that
 * host, bounded in time and size, and read strictly — anything but a well-formed upload-pack
 * advertisement is an {@link IOException}.
 */
final class RefAdvertisement {
  static final int MAX_BYTES = 32 << 20;

  private RefAdvertisement() {}

  /** The v0 smart-HTTP ref advertisement: ref name → id, peeled {@code ^{}} entries left out. */
  static Map<String, String> fetch(URI repo, Duration timeout, GitCredentials creds)
      throws IOException {
    String base = repo.toString().replaceAll("/+$", "");
    try (GitHttp.Response r =
        GitHttp.get(
            URI.create(base + "/info/refs?service=git-upload-pack"),
            "application/x-git-upload-pack-advertisement",
            creds,
            timeout)) {
      if (r.status() != 200
          || !r.contentType().startsWith("application/x-git-upload-pack-advertisement")) {
        throw new IOException("not a smart-HTTP advertisement (HTTP " + r.status() + ")");
      }
      return parse(r.body().readNBytes(MAX_BYTES + 1));
    }
  }

  static String basic(GitCredentials.Entry entry) {
    CharBuffer pair = CharBuffer.allocate(entry.user().length() + 1 + entry.secret().length);
    pair.put(entry.user()).put(':').put(entry.secret()).flip();
    var bytes = StandardCharsets.UTF_8.encode(pair);
    byte[] raw = new byte[bytes.remaining()];
    bytes.get(raw);
    Arrays.fill(pair.array(), '\0');
    String header = "Basic " + Base64.getEncoder().encodeToString(raw);
    Arrays.fill(raw, (byte) 0);
    return header;
  }

  /** pkt-lines: {@code # service=…}, flush, then {@code <id> <name>[\0caps]} lines, flush. */
  static Map<String, String> parse(byte[] body) throws IOException {
    if (body.length > MAX_BYTES) {
      throw new IOException("advertisement too large");
    }
    Map<String, String> refs = new HashMap<>();
    int pos = 0;
    int flushes = 0;
    boolean first = true;
    while (flushes < 2) {
      if (pos + 4 > body.length) {
        throw new IOException("truncated advertisement");
      }
      int len = Integer.parseInt(new String(body, pos, 4, StandardCharsets.US_ASCII), 16);
      if (len == 0) {
        flushes++;
        pos += 4;
        continue;
      }
      if (len < 4 || pos + len > body.length) {
        throw new IOException("bad pkt-line");
      }
      String line = new String(body, pos + 4, len - 4, StandardCharsets.UTF_8);
      pos += len;
      if (first) {
        if (!line.startsWith("# service=git-upload-pack")) {
          throw new IOException("not an upload-pack advertisement");
        }
        first = false;
        continue;
      }
      int nul = line.indexOf('\0');
      if (nul >= 0) {
        line = line.substring(0, nul);
      }
      line = line.stripTrailing();
      int sp = line.indexOf(' ');
      if (sp <= 0 || !RefFiles.isHexId(line.substring(0, sp))) {
        throw new IOException("bad ref line");
      }
      String name = line.substring(sp + 1);
      if (!name.endsWith("^{}")) {
        refs.put(name, line.substring(0, sp));
      }
    }
    refs.remove("capabilities^{}"); // an empty repository's placeholder (already skipped as peeled)
    return refs;
  }
}
