package dev.workstation.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.Optional;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

class CloneFailureTest {
  static final URIish URL;

  static {
    try {
      URL = new URIish("https://forgejo.example/viktor/notes.git");
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void what_the_server_said_no_to_is_not_found_or_no_access() {
    for (Exception e :
        new Exception[] {
          new InvalidRemoteException(
              "Invalid remote: forgejo", new NoRemoteRepositoryException(URL, "not found")),
          new TransportException(URL + ": not authorized"),
          new TransportException(URL + ": git-upload-pack not permitted on '" + URL + "'"),
          new TransportException(URL + ": Authentication is required but no CredentialsProvider")
        }) {
      assertEquals(Optional.of(CloneFailure.NO_ACCESS), CloneFailure.verdict(e), e.getMessage());
      Exception explained = CloneFailure.explain(e);
      assertTrue(
          explained.getMessage().startsWith("not found or no access: "), explained.getMessage());
      assertTrue(CloneFailure.retryable(explained.getMessage()));
    }
  }

  @Test
  void a_server_out_of_reach_is_retried_too() {
    Exception e =
        new TransportException(URL + ": cannot open", new UnknownHostException("forgejo.example"));
    assertEquals(Optional.of(CloneFailure.UNREACHABLE), CloneFailure.verdict(e));
  }

  @Test
  void a_full_disk_is_a_failure_not_a_retry() {
    IOException full = new IOException("No space left on device");
    assertEquals(Optional.empty(), CloneFailure.verdict(full));
    assertSame(full, CloneFailure.explain(full));
    assertFalse(CloneFailure.retryable("worker for anca exited 1: No space left on device"));
  }
}
