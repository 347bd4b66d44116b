package dev.workstation.git;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/**
 * What a failed clone means for the next run. The server said the repository is not there for this
 * user (a forge answers "not found" for a private repository the user cannot read): not found or no
 * access, retried next run. The server could not be reached: retried too. Anything else — a full
 * disk, a file that cannot be written — is a failure, and the run says so.
 *
 * <p>The worker puts the verdict at the start of its error message ({@link #NO_ACCESS}, {@link
 * #UNREACHABLE}), which is all root reads of it.
 */
public final class CloneFailure {
  public static final String NO_ACCESS = "not found or no access";
  public static final String UNREACHABLE = "remote unreachable";

  private CloneFailure() {}

  /** {@code e} as the worker reports it: with the verdict in front when it is one of the two. */
  public static Exception explain(Exception e) {
    return verdict(e).<Exception>map(v -> new IOException(v + ": " + message(e), e)).orElse(e);
  }

  /** True for a worker's error message that says "retry next run". */
  public static boolean retryable(String workerMessage) {
    return workerMessage != null
        && (workerMessage.startsWith(NO_ACCESS) || workerMessage.startsWith(UNREACHABLE));
  }

  static Optional<String> verdict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NoRemoteRepositoryException) {
        return Optional.of(NO_ACCESS);
      }
      if (t instanceof UnknownHostException
          || t instanceof ConnectException
          || t instanceof NoRouteToHostException
          || t instanceof SocketTimeoutException) {
        return Optional.of(UNREACHABLE);
      }
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("not authorized")
          || m.contains("authentication is required")
          || m.contains("401")
          || m.contains("403 forbidden")
          || m.contains("not permitted") // JGit's word for a 403 on git-upload-pack
          || m.contains("repository not found")) {
        return Optional.of(NO_ACCESS);
      }
    }
    return Optional.empty();
  }

  private static String message(Throwable e) {
    Throwable deepest = e;
    while (deepest.getCause() != null && deepest.getCause().getMessage() != null) {
      deepest = deepest.getCause();
    }
    return deepest.getMessage() == null ? e.getClass().getSimpleName() : deepest.getMessage();
  }
}
