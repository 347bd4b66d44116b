package dev.workstation.git;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A remote URL of the plain shapes freshen understands without JGit: {@code http(s)://host/path}
 * with no credentials, query or fragment, and a local repository — {@code file:///path} or an
 * absolute path, both written {@code file:///path} here so that the site config's spelling and a
 * clone's compare equal. Anything else (ssh, a path with {@code ..} or unusual characters) is not
 * plain, and the caller takes the full path.
 */
public final class RemoteUrl {
  private static final Pattern LOCAL_PATH = Pattern.compile("(/[A-Za-z0-9_+-][A-Za-z0-9._+-]*)+/?");

  private RemoteUrl() {}

  public static Optional<URI> plain(String url) {
    if (url.startsWith("/") || url.startsWith("file://")) {
      String path = url.startsWith("/") ? url : url.substring("file://".length());
      return LOCAL_PATH.matcher(path).matches() && !path.contains("/../") && !path.endsWith("/..")
          ? Optional.of(URI.create("file://" + path.replaceAll("/+$", "")))
          : Optional.empty();
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean plain =
          (scheme.equals("http") || scheme.equals("https"))
              && uri.getRawUserInfo() == null
              && uri.getRawQuery() == null
              && uri.getRawFragment() == null
              && uri.getHost() != null;
      return plain ? Optional.of(uri) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** A local repository's URL ({@code file:///path}), which no server guards. */
  public static boolean isLocal(URI url) {
    return "file".equals(url.getScheme());
  }
}
