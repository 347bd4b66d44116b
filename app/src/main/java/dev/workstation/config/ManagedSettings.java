package dev.workstation.config;

import dev.workstation.input.StrictJson;
import dev.workstation.util.SecretShapes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The machine-wide managed Claude settings. The file is world-readable, so it is refused when it
 * looks like it carries a secret — and the refusal names where, never the value.
 */
public final class ManagedSettings {
  private ManagedSettings() {}

  /** Empty when the content may be installed; otherwise why not (no secret value in it). */
  public static Optional<String> refusal(String file, byte[] content) {
    Object json;
    try {
      json = StrictJson.parse(new String(content, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.of(file + ":" + e.getMessage() + " (not valid JSON)");
    }
    if (!(json instanceof Map)) {
      return Optional.of(file + ": must be a JSON object");
    }
    return scan(file, "", json);
  }

  private static Optional<String> scan(String file, String path, Object v) {
    if (v instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String key = String.valueOf(e.getKey());
        String at = path.isEmpty() ? key : path + "." + key;
        if (SecretShapes.secretName(key) && e.getValue() instanceof String s && !s.isEmpty()) {
          return Optional.of(
              file
                  + ": "
                  + at
                  + ": looks like a secret (a non-empty value under a secret-like name);"
                  + " the managed settings are world-readable — move it to Vault");
        }
        Optional<String> inner = scan(file, at, e.getValue());
        if (inner.isPresent()) {
          return inner;
        }
      }
    } else if (v instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        Optional<String> inner = scan(file, path + "[" + i + "]", l.get(i));
        if (inner.isPresent()) {
          return inner;
        }
      }
    } else if (v instanceof String s && SecretShapes.tokenShaped(s)) {
      return Optional.of(
          file
              + ": "
              + path
              + ": value looks like a token; the managed settings are world-readable — move it to Vault");
    }
    return Optional.empty();
  }
}
