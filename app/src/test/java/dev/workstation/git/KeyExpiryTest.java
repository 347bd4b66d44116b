package dev.workstation.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyExpiryTest {
  static final String BLOB =
      Base64.getEncoder().encodeToString("\0\0\0\u000bssh-ed25519 not a real key".getBytes());

  @Test
  void a_key_with_valid_before_is_known_by_its_fingerprint_and_others_are_not(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("allowed_signers");
    Files.writeString(
        file,
        "# admins\n"
            + "viktor@example.org ssh-ed25519 "
            + BLOB.replace('A', 'B')
            + " viktor\n"
            + "retired@example.org,\"old admin\" namespaces=\"git,file\",valid-before=\"20200101Z\""
            + " ssh-ed25519 "
            + BLOB
            + " retired\n");
    KeyExpiry expiry = KeyExpiry.read(file);
    String fp = KeyExpiry.fingerprint(Base64.getDecoder().decode(BLOB));
    assertEquals(Optional.of(Instant.parse("2020-01-01T00:00:00Z")), expiry.validBefore(fp));
    assertTrue(
        expiry
            .validBefore(KeyExpiry.fingerprint(Base64.getDecoder().decode(BLOB.replace('A', 'B'))))
            .isEmpty());
    assertTrue(expiry.validBefore(null).isEmpty());
  }

  @Test
  void times_are_read_to_the_day_minute_or_second_and_nonsense_is_no_time() {
    assertEquals(
        Optional.of(Instant.parse("2026-11-30T17:05:00Z")), KeyExpiry.time("202611301705Z"));
    assertEquals(
        Optional.of(Instant.parse("2026-11-30T17:05:09Z")), KeyExpiry.time("20261130170509Z"));
    assertEquals(Optional.empty(), KeyExpiry.time("tomorrow"));
    assertEquals(Optional.empty(), KeyExpiry.time("2026113"));
  }
}
