package dev.workstation.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

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
}
