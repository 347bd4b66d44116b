package dev.workstation.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

class GitCredentialsTest {

  @Test
  void a_store_line_with_a_port_as_git_writes_it_matches_that_host_and_port() throws Exception {
    GitCredentials c = GitCredentials.parse("http://anca:t%40ken@127.0.0.1%3a3400\n");
    CredentialItem.Username u = new CredentialItem.Username();
    CredentialItem.Password p = new CredentialItem.Password();
    assertTrue(c.get(new URIish("http://127.0.0.1:3400/viktor/x.git"), u, p));
    assertEquals("anca", u.getValue());
    assertEquals("t@ken", new String(p.getValue()));
    assertFalse(
        c.get(new URIish("http://127.0.0.1:3401/viktor/x.git"), u, p),
        "another port is another host");
  }

  @Test
  void a_plain_https_line_matches_by_host() throws Exception {
    GitCredentials c = GitCredentials.parse("https://emo:tok@forgejo.example\n");
    assertTrue(c.forUri(new URIish("https://forgejo.example/viktor/infra.git")).isPresent());
    assertFalse(
        c.forUri(new URIish("http://forgejo.example/viktor/infra.git")).isPresent(),
        "scheme must match");
  }

  @Test
  void malformed_lines_are_skipped_and_the_secret_never_prints() {
    GitCredentials c =
        GitCredentials.parse("garbage\nhttps://nouser@host\nhttps://u:secret-value@host\n");
    assertEquals(1, c.entries().size());
    assertFalse(c.entries().get(0).toString().contains("secret-value"));
  }
}
