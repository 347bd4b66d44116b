package dev.workstation.config;

import dev.workstation.input.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The machine-wide managed Claude settings. The file is world-readable, so it is refused when it
 * looks like it carries a secret — and the refusal names where, never the value.
 */
public final class ManagedSettings {
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE_KEY|CREDENTIAL).*");
  private static final List<Pattern> TOKEN_SHAPES =
      List.of(
          Pattern.compile("sk-(ant-)?[A-Za-z0-9_-]{16,}"),
          Pattern.compile("gh[pousr]_[A-Za-z0-9]{20,}"),
          Pattern.compile("github_pat_[A-Za-z0-9_]{20,}"),
          Pattern.compile("glpat-[A-Za-z0-9_-]{16,}"),
          Pattern.compile("xox[abposr]-[A-Za-z0-9-]{10,}"),
          Pattern.compile("AKIA[0-9A-Z]{16}"),
          Pattern.compile("hvs\\.[A-Za-z0-9_-]{20,}"),
          Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"),
          Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
          Pattern.compile("[A-Fa-f0-9]{40,}"));

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
        if (SECRET_KEY.matcher(key).matches() && e.getValue() instanceof String s && !s.isEmpty()) {
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
    } else if (v instanceof String s) {
      for (Pattern p : TOKEN_SHAPES) {
        if (p.matcher(s).find()) {
          return Optional.of(
              file
                  + ": "
                  + path
                  + ": value looks like a token; the managed settings are world-readable — move it to Vault");
        }
      }
    }
    return Optional.empty();
  }
}
