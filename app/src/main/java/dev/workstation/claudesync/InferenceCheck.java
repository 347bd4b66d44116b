package dev.workstation.claudesync;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code check: inference} (SPEC §6.12): Claude Code itself asks Claude for one fixed word — the
 * smallest model, one turn, no tools, no MCP servers, no session saved, 60 s at most. The original
 * learned that {@code claude auth status} says "logged in" during a real 401; only a request that
 * reaches the API proves the login. What it prints is looked at for the word and never repeated.
 *
 * <p>Its environment drops the variables that would let Claude Code log in some other way than the
 * credentials file ({@code CLAUDE_CODE_OAUTH_TOKEN}, {@code ANTHROPIC_API_KEY}, {@code
 * ANTHROPIC_AUTH_TOKEN}), and turns off its self-update for the run.
 */
final class InferenceCheck implements ClaudeCheck {
  static final String WORD = "pong";
  static final String PROMPT = "Reply with exactly one word: " + WORD;
  static final long TIMEOUT_SECONDS = 60;
  private static final int OUTPUT_CAP = 64 * 1024;

  /** The flags of the one-word request, before the prompt. */
  static final List<String> FLAGS =
      List.of(
          "-p",
          "--model",
          "haiku",
          "--max-turns",
          "1",
          "--tools",
          "",
          "--strict-mcp-config",
          "--no-session-persistence",
          "--output-format",
          "text");

  @Override
  public CheckResult run(Path home) {
    Optional<Path> claude = find(home);
    if (claude.isEmpty()) {
      return new CheckResult.Unavailable(
          "claude is not installed for this user (not on PATH, in ~/.local/bin or"
              + " ~/.claude/local)");
    }
    List<String> argv = new ArrayList<>(List.of(claude.get().toString()));
    argv.addAll(FLAGS);
    argv.add(PROMPT);
    ProcessBuilder pb =
        new ProcessBuilder(argv)
            .directory(home.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = pb.environment();
    env.keySet()
        .removeAll(List.of("CLAUDE_CODE_OAUTH_TOKEN", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"));
    env.put("DISABLE_AUTOUPDATER", "1");
    env.put("HOME", home.toString());
    try {
      Process p = pb.start();
      CompletableFuture<byte[]> out = read(p.getInputStream());
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return new CheckResult.Failed("claude did not answer within " + TIMEOUT_SECONDS + " s");
      }
      String answer;
      try {
        // a process claude left behind may hold its stdout open: wait a moment, not forever
        answer = new String(out.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        answer = "";
      }
      if (p.exitValue() != 0) {
        return new CheckResult.Failed("claude -p exited " + p.exitValue());
      }
      return answered(answer)
          ? new CheckResult.Passed()
          : new CheckResult.Failed("claude -p answered without the word " + WORD);
    } catch (IOException e) {
      return new CheckResult.Unavailable("cannot run claude (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new CheckResult.Unavailable("interrupted");
    }
  }

  /** Whether {@code answer} says the word (in any case, with any punctuation around it). */
  static boolean answered(String answer) {
    for (String w : answer.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
      if (w.equals(WORD)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code claude} on {@code PATH}, else where Claude Code's own installers put it in the home
   * ({@code ~/.local/bin}, {@code ~/.claude/local}): a timer's {@code PATH} is systemd's, not the
   * user's login shell's.
   */
  static Optional<Path> find(Path home) {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (dir.startsWith("/")) {
        candidates.add(Path.of(dir, "claude"));
      }
    }
    candidates.add(home.resolve(".local/bin/claude"));
    candidates.add(home.resolve(".claude/local/claude"));
    return candidates.stream()
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }

  private static CompletableFuture<byte[]> read(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            byte[] b = in.readNBytes(OUTPUT_CAP);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return b;
          } catch (IOException e) {
            return new byte[0];
          }
        });
  }
}
