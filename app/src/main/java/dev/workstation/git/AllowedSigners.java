package dev.workstation.git;

import dev.workstation.input.InvalidInputException;
import dev.workstation.input.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code roster.allowed_signers}, git's allowed-signers file ({@code gpg.ssh.allowedSignersFile};
 * ssh-keygen(1), ALLOWED SIGNERS), read once by the one parser the product has: the signature
 * verdict ({@link SignerVerdicts}), the expiry of keys judged now and {@code doctor} all use it.
 * Every line must read as ssh-keygen reads it; a line that does not is an error naming the file,
 * the line and the column (exit 3), never a file that silently trusts nobody.
 */
public final class AllowedSigners {
  /** More than any team's keys; the file is root's, but a cap keeps a mistake cheap. */
  static final long CAP = 1L << 20;

  /**
   * One line: who may sign ({@code principals}, a pattern list), with which key (or, with {@code
   * certAuthority}, with certificates that key signed), for which namespaces and when.
   */
  public record Signer(
      int line,
      String principals,
      boolean certAuthority,
      Optional<String> namespaces,
      Optional<Instant> validAfter,
      Optional<Instant> validBefore,
      String keyType,
      byte[] blob,
      PublicKey key) {}

  private final Path file;
  private final List<Signer> signers;

  private AllowedSigners(Path file, List<Signer> signers) {
    this.file = file;
    this.signers = List.copyOf(signers);
  }

  /**
   * Reads {@code file}.
   *
   * @throws InvalidInputException when it is missing, not a regular file, over the cap, not UTF-8
   *     or holds a line ssh-keygen would not read: every such line is named
   */
  public static AllowedSigners read(Path file) {
    String text = text(file);
    List<Signer> out = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      try {
        AllowedSignerLine.parse(lines[i], i + 1).ifPresent(out::add);
      } catch (AllowedSignerLine.Malformed e) {
        problems.add(
            new Problem(
                file.toString(),
                i + 1,
                e.column,
                "",
                e.getMessage() + "; fix or remove the line (ssh-keygen(1), ALLOWED SIGNERS)"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new AllowedSigners(file, out);
  }

  private static String text(Path file) {
    try {
      BasicFileAttributes a =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile()) {
        throw refused(file, "is not a regular file" + (a.isSymbolicLink() ? " (a symlink)" : ""));
      }
      if (a.size() > CAP) {
        throw refused(file, "is " + a.size() + " bytes; the limit is " + CAP);
      }
      byte[] bytes = Files.readAllBytes(file);
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (NoSuchFileException e) {
      throw refused(
          file,
          "does not exist; create it (install -o root -g root -m 644 /dev/null "
              + file
              + ") and list each admin's signing key in it (docs/runbooks/roster-signing.md),"
              + " or remove roster.allowed_signers from the site config (unverified mode)");
    } catch (CharacterCodingException e) {
      throw refused(file, "is not UTF-8 text");
    } catch (IOException e) {
      throw refused(file, "cannot be read: " + e.getMessage());
    }
  }

  private static InvalidInputException refused(Path file, String why) {
    return new InvalidInputException(Problem.whole(file.toString(), "roster.allowed_signers", why));
  }

  public Path file() {
    return file;
  }

  /** The signers, in file order (blank lines and comments left out). */
  public List<Signer> signers() {
    return signers;
  }
}
