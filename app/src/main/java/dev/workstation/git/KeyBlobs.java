package dev.workstation.git;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * SSH public keys as the wire-format blobs an allowed-signers line and a signature carry: the
 * blob's key type, the key it decodes to, and a key's blob (keys are compared as blobs, so every
 * key type compares the same way).
 */
final class KeyBlobs {
  private KeyBlobs() {}

  /** The key type string a blob starts with; null when it is not a well-formed blob. */
  static String type(byte[] blob) {
    if (blob.length < 4) {
      return null;
    }
    long n =
        ((blob[0] & 0xffL) << 24)
            | ((blob[1] & 0xff) << 16)
            | ((blob[2] & 0xff) << 8)
            | (blob[3] & 0xff);
    if (n > blob.length - 4) {
      return null;
    }
    return new String(blob, 4, (int) n, StandardCharsets.US_ASCII);
  }

  /** The key in {@code blob}; null when it cannot be read (or bytes follow it). */
  static PublicKey key(byte[] blob) {
    try {
      ByteArrayBuffer b = new ByteArrayBuffer(blob);
      PublicKey k = b.getRawPublicKey();
      return b.available() == 0 ? k : null;
    } catch (Exception e) {
      return null; // any parse failure of hostile bytes means: not a key
    }
  }

  /** The blob of {@code key}, as a signature or a line carries it. */
  static byte[] blob(PublicKey key) {
    ByteArrayBuffer b = new ByteArrayBuffer();
    b.putRawPublicKey(key);
    return b.getCompactData();
  }

  /** {@code SHA256:…}, as ssh-keygen -l and JGit print it. */
  static String fingerprint(PublicKey key) {
    return KeyUtils.getFingerPrint(key);
  }
}
