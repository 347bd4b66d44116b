package dev.workstation.git;

import dev.workstation.host.HomeFiles;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * A JGit credentials provider backed by a git-credential-store file ({@code
 * https://user:token@host} lines). Never prompts: an unknown host gets no credentials, and the
 * fetch fails with an auth error rather than hanging on a prompt. The token stays in memory: it is
 * never put in a URL, a config or a message.
 */
public final class GitCredentials extends CredentialsProvider {

  /** One line of the store. {@code toString} hides the secret. */
  public record Entry(String scheme, String host, String user, char[] secret) {
    @Override
    public String toString() {
      return scheme + "://" + user + ":***@" + host;
    }
  }

  private final List<Entry> entries;

  public GitCredentials(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static GitCredentials none() {
    return new GitCredentials(List.of());
  }

  /** Reads a store file; malformed lines are skipped (git ignores them too). */
  public static GitCredentials read(Path file) throws IOException {
    return parse(
        HomeFiles.readText(file)
            .orElseThrow(() -> new java.nio.file.NoSuchFileException(file.toString())));
  }

  /**
   * The user's store if there is one; none otherwise (a missing store is not an error, a FIFO or a
   * link where it should be is).
   */
  public static GitCredentials readIfPresent(Path file) throws IOException {
    return HomeFiles.readText(file).map(GitCredentials::parse).orElse(none());
  }

  public static GitCredentials parse(String content) {
    List<Entry> out = new ArrayList<>();
    for (String line : content.split("\n")) {
      parseLine(line.strip()).ifPresent(out::add);
    }
    return new GitCredentials(out);
  }

  /**
   * One store line: {@code scheme://user:secret@host[:port][/path]}, each part percent-encoded the
   * way git-credential-store writes it (a port's colon becomes {@code %3a}).
   */
  public static Optional<Entry> parseLine(String line) {
    int sep = line.indexOf("://");
    if (sep <= 0) {
      return Optional.empty();
    }
    String scheme = line.substring(0, sep).toLowerCase(java.util.Locale.ROOT);
    String rest = line.substring(sep + 3);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    int at = authority.lastIndexOf('@');
    if (at <= 0) {
      return Optional.empty();
    }
    String info = authority.substring(0, at);
    int colon = info.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    try {
      String user = URLDecoder.decode(info.substring(0, colon), StandardCharsets.UTF_8);
      String secret = URLDecoder.decode(info.substring(colon + 1), StandardCharsets.UTF_8);
      String host =
          URLDecoder.decode(authority.substring(at + 1), StandardCharsets.UTF_8)
              .toLowerCase(java.util.Locale.ROOT);
      if (host.isEmpty() || user.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Entry(scheme, host, user, secret.toCharArray()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public Optional<Entry> forUri(URIish uri) {
    return uri == null ? Optional.empty() : forHost(uri.getScheme(), uri.getHost(), uri.getPort());
  }

  /** The entry for {@code scheme://host[:port]} ({@code port} ≤ 0: none given), if any. */
  public Optional<Entry> forHost(String scheme, String hostName, int port) {
    if (scheme == null || hostName == null) {
      return Optional.empty();
    }
    String host = port > 0 ? hostName + ":" + port : hostName;
    for (Entry e : entries) {
      if (e.host().equalsIgnoreCase(host) && e.scheme().equalsIgnoreCase(scheme)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  List<Entry> entries() {
    return entries;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public boolean isInteractive() {
    return false;
  }

  @Override
  public boolean supports(CredentialItem... items) {
    for (CredentialItem i : items) {
      if (!(i instanceof CredentialItem.Username) && !(i instanceof CredentialItem.Password)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
    Optional<Entry> entry = forUri(uri);
    if (entry.isEmpty()) {
      return false;
    }
    for (CredentialItem i : items) {
      if (i instanceof CredentialItem.Username u) {
        u.setValue(entry.get().user());
      } else if (i instanceof CredentialItem.Password p) {
        p.setValue(entry.get().secret().clone());
      } else {
        throw new UnsupportedCredentialItem(uri, i.getClass().getSimpleName());
      }
    }
    return true;
  }
}
