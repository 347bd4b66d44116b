package dev.workstation.site;

import dev.workstation.input.MappingReader;
import dev.workstation.input.YamlNode;
import dev.workstation.input.YamlNode.Scalar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The site config's value shapes (durations, sizes, names, URLs, paths, bounded numbers): each
 * reads one key and records a positioned problem when the value does not fit.
 */
final class ConfigValues {
  private ConfigValues() {}

  private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)");
  private static final Pattern SIZE = Pattern.compile("([0-9]+)([KMGT]?)i?B?");
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");

  static boolean atLeastZero(MappingReader s, String key, long n) {
    if (n < 0 || n > 100_000) {
      s.problem(s.node(key), s.path(key), "must be a whole number from 0 to 100000");
      return false;
    }
    return true;
  }

  static boolean atLeastOne(MappingReader s, String key, long n) {
    if (n < 1 || n > Integer.MAX_VALUE) {
      s.problem(s.node(key), s.path(key), "must be a whole number from 1 to " + Integer.MAX_VALUE);
      return false;
    }
    return true;
  }

  static boolean atMost(MappingReader s, String key, long n, long max) {
    if (n > max) {
      s.problem(s.node(key), s.path(key), "must be at most " + max);
      return false;
    }
    return true;
  }

  static boolean positive(MappingReader s, String key, long n) {
    if (n < 1) {
      s.problem(s.node(key), s.path(key), "must be at least 1");
      return false;
    }
    return true;
  }

  static Optional<Duration> duration(MappingReader s, String key) {
    if (s.node(key) instanceof Scalar bare
        && (bare.type() == YamlNode.ScalarType.INT || bare.type() == YamlNode.ScalarType.FLOAT)) {
      // a bare number has no unit, and quoting it would not give it one
      s.problem(
          bare,
          s.path(key),
          "'"
              + bare.value()
              + "' has no unit; write it like "
              + bare.value().replaceAll("\\..*", "")
              + "s (or 500ms, 5m, 1h)");
      return Optional.empty();
    }
    return s.string(key, false)
        .flatMap(
            v -> {
              Matcher m = DURATION.matcher(v.value());
              if (!m.matches()) {
                s.problem(
                    v,
                    s.path(key),
                    "'" + v.value() + "' is not a duration like 500ms, 30s, 5m or 1h");
                return Optional.empty();
              }
              long n = Long.parseLong(m.group(1));
              return Optional.of(
                  switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                  });
            });
  }

  static Optional<Long> size(MappingReader s, String key) {
    YamlNode n = s.node(key);
    if (n == null) {
      return Optional.empty();
    }
    Matcher m = n instanceof Scalar sc ? SIZE.matcher(sc.value()) : null;
    if (m == null || !m.matches() || m.group(1).length() > 15) {
      s.problem(n, s.path(key), "is not a size like 512M, 4G or 10G");
      return Optional.empty();
    }
    long v = Long.parseLong(m.group(1));
    int shift =
        switch (m.group(2)) {
          case "K" -> 10;
          case "M" -> 20;
          case "G" -> 30;
          case "T" -> 40;
          default -> 0;
        };
    return Optional.of(v << shift);
  }

  static Optional<String> name(MappingReader s, String key) {
    return s.string(key, false)
        .map(
            v -> {
              if (!NAME.matcher(v.value()).matches()) {
                s.problem(v, s.path(key), "'" + v.value() + "' is not a plain name");
              }
              return v.value();
            });
  }

  static Optional<String> url(MappingReader s, String key, boolean required) {
    return s.string(key, required)
        .map(
            v -> {
              String u = v.value();
              if (!(u.startsWith("https://")
                      || u.startsWith("http://")
                      || u.startsWith("file://")
                      || u.startsWith("/")
                      || u.startsWith("ssh://"))
                  || u.chars().anyMatch(c -> c <= ' ')) {
                s.problem(
                    v,
                    s.path(key),
                    "'" + u + "' is not a URL (https://…, file://… or an absolute path)");
              } else if (u.matches("[a-z]+://[^/@]*:[^/@]*@.*")) {
                s.problem(
                    v,
                    s.path(key),
                    "must not carry credentials in the URL (use a credentials file)");
              }
              return u;
            });
  }

  static Optional<Path> absPath(MappingReader s, String key) {
    return s.string(key, false)
        .map(
            v -> {
              if (!v.value().startsWith("/") || v.value().contains("\0")) {
                s.problem(v, s.path(key), "'" + v.value() + "' must be an absolute path");
              }
              return Path.of(v.value().replace("\0", ""));
            });
  }

  static Path requiredPath(MappingReader s, String key) {
    if (!s.has(key)) {
      s.missing(key);
      return Path.of("/");
    }
    return absPath(s, key).orElse(Path.of("/"));
  }

  static Optional<String> relPath(MappingReader s, String key) {
    return s.string(key, false)
        .map(
            v -> {
              String p = v.value();
              if (p.isEmpty() || p.startsWith("/") || p.contains("..") || p.contains("\0")) {
                s.problem(
                    v, s.path(key), "'" + p + "' must be a path inside the roster repository");
              }
              return p;
            });
  }
}
