package dev.workstation.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
  @Test
  void a_command_runs_in_the_root_directory_never_in_the_callers() {
    assertEquals("/", new ProcessRunner().run(List.of("pwd")).check().stdout().strip());
  }

  @Test
  void a_child_that_never_reads_its_stdin_cannot_block_the_runner_past_its_timeout() {
    long start = System.nanoTime();
    CommandFailedException e =
        assertThrows(
            CommandFailedException.class,
            () ->
                new ProcessRunner()
                    .run(List.of("sleep", "30"), new byte[1 << 20], Duration.ofMillis(500)));
    assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 5);
  }

  @Test
  void output_larger_than_a_pipe_is_drained_while_the_child_runs() {
    String out =
        new ProcessRunner()
            .run(List.of("head", "-c", "300000", "/dev/zero"), null, Duration.ofSeconds(20))
            .check()
            .stdout();
    assertEquals(300000, out.length());
  }

  @Test
  void a_group_that_overruns_is_ended_with_the_children_its_shell_started(@TempDir Path dir)
      throws Exception {
    Path pid = dir.resolve("child.pid");
    String script = "sleep 600 & echo $! > " + pid + "; wait";
    CommandFailedException e =
        assertThrows(
            CommandFailedException.class,
            () ->
                new ProcessRunner()
                    .asGroup()
                    .run(List.of("sh", "-c", script), null, Duration.ofMillis(500)));
    assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    long child = Long.parseLong(Files.readString(pid).strip());
    boolean alive = true;
    // SIGKILL was sent before the runner returned; the orphan is reaped by whoever adopts it
    for (int i = 0; i < 200 && alive; i++) {
      alive = ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) && !zombie(child);
      if (alive) {
        Thread.sleep(10);
      }
    }
    assertTrue(!alive, "the shell's child outlived the bound");
  }

  /** A process killed but not yet reaped. */
  static boolean zombie(long pid) throws java.io.IOException {
    Path stat = Path.of("/proc/" + pid + "/stat");
    if (!Files.exists(stat)) {
      return true;
    }
    String s = Files.readString(stat);
    return s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
  }
}
