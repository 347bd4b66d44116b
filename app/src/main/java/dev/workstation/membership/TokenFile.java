package dev.workstation.membership;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The IdP's API token, read from {@code membership.token_file}: a regular file (a link is not
 * followed), at most 4 KiB, one token on one line. Errors name the file, never its content.
 */
final class TokenFile {
  private TokenFile() {}

  static final int CAP = 4096;

  static String read(Path file) throws IdpException {
    try {
      // looked at first, so a FIFO is refused rather than opened (an open would wait on it)
      if (!Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .isRegularFile()) {
        throw new IdpException(file + " (membership.token_file) is not a regular file");
      }
    } catch (NoSuchFileException e) {
      throw new IdpException(
          file + " (membership.token_file) does not exist; install -m 0600 /dev/stdin " + file);
    } catch (IOException e) {
      throw new IdpException(
          "cannot read " + file + " (membership.token_file): " + e.getClass().getSimpleName());
    }
    try (SeekableByteChannel ch =
        Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      ByteBuffer buf = ByteBuffer.allocate(CAP + 1);
      while (buf.hasRemaining() && ch.read(buf) > 0) {
        // read up to the cap
      }
      if (buf.position() > CAP) {
        throw new IdpException(file + " (membership.token_file) is larger than 4 KiB");
      }
      String token = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
      if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
        throw new IdpException(
            file + " (membership.token_file) must hold one API token on one line");
      }
      return token;
    } catch (IOException e) {
      throw new IdpException(
          "cannot read " + file + " (membership.token_file): " + e.getClass().getSimpleName());
    }
  }
}
