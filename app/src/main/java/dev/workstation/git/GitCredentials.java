package dev.workstation.git;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * fetch fails with an auth error rather than hanging on a prompt. The token stays in memory: it
 * is never put in a URL, a config or a message.
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
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  public static GitCredentials parse(String content) {
    List<Entry> out = new ArrayList<>();
    for (String line : content.split("\n")) {
      parseLine(line.strip()).ifPresent(out::add);
    }
    return new GitCredentials(out);
  }

  static Optional<Entry> parseLine(String line) {
    try {
      URI uri = new URI(line);
      String info = uri.getRawUserInfo();
      if (uri.getScheme() == null || uri.getHost() == null || info == null || !info.contains(":")) {
        return Optional.empty();
      }
      int colon = info.indexOf(':');
      String user = URLDecoder.decode(info.substring(0, colon), StandardCharsets.UTF_8);
      String secret = URLDecoder.decode(info.substring(colon + 1), StandardCharsets.UTF_8);
      String host = uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
      return Optional.of(new Entry(uri.getScheme(), host, user, secret.toCharArray()));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  public Optional<Entry> forUri(URIish uri) {
    if (uri == null || uri.getHost() == null) {
      return Optional.empty();
    }
    String host = uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
    return entries.stream()
        .filter(e -> e.host().equalsIgnoreCase(host) && e.scheme().equalsIgnoreCase(uri.getScheme()))
        .findFirst();
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
