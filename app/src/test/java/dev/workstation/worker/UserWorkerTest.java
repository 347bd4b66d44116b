package dev.workstation.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Root's reader of a worker's answer, driven by real processes that answer what a user who took
 * over their own worker could make it answer. Every one fails that call alone, with a clear error.
 */
class UserWorkerTest {
  /** A "worker" that swallows the request and prints {@code script}'s output as its answer. */
  private static UserWorker answering(String script) {
    return new UserWorker(
        "emo", Duration.ofSeconds(30), List.of("/bin/sh", "-c", "cat >/dev/null; " + script));
  }

  @Test
  void a_forged_reply_fails_the_call_naming_the_op_and_the_field() {
    UserWorker.WorkerException e =
        assertThrows(
            UserWorker.WorkerException.class,
            () ->
                answering("printf '{\"ok\":true,\"result\":{\"x\":5}}'")
                    .call(new WorkerRequest.CloneStatus()));
    assertEquals(
        "worker for emo answered something that is not its clone-status reply (exit 0):"
            + " clone-status reply: field \"clones\" is missing",
        e.getMessage());
  }

  @Test
  void an_answer_that_is_not_json_fails_the_call() {
    UserWorker.WorkerException e =
        assertThrows(
            UserWorker.WorkerException.class,
            () -> answering("echo hello").call(new WorkerRequest.WarmUp()));
    assertTrue(
        e.getMessage()
            .startsWith(
                "worker for emo answered something that is not its"
                    + " warm-up reply (exit 0): warm-up reply: not JSON"),
        e.getMessage());
  }

  @Test
  void a_worker_that_floods_stdout_is_killed_once_it_passes_the_cap_and_fails_the_call() {
    long start = System.nanoTime();
    UserWorker.WorkerException e =
        assertThrows(
            UserWorker.WorkerException.class,
            () -> answering("exec yes ''").call(new WorkerRequest.CloneStatus()));
    assertEquals(
        "worker for emo answered clone-status with more than "
            + WorkerCodec.MAX_REPLY
            + " bytes and was killed",
        e.getMessage());
    // killed at the cap, not at the end of the user's budget (30 s)
    assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 20);
  }

  @Test
  void a_worker_that_floods_stderr_has_only_the_first_part_kept_for_its_error() {
    UserWorker.WorkerException e =
        assertThrows(
            UserWorker.WorkerException.class,
            () ->
                answering("head -c 5000000 /dev/zero | tr '\\0' x >&2; exit 3")
                    .call(new WorkerRequest.WarmUp()));
    assertTrue(e.getMessage().startsWith("worker for emo exited 3: xxx"), e.getMessage());
    assertTrue(
        e.getMessage().length() <= UserWorker.MAX_STDERR + 100, "" + e.getMessage().length());
  }

  @Test
  void a_well_formed_failure_is_the_workers_own_message() {
    UserWorker.WorkerException e =
        assertThrows(
            UserWorker.WorkerException.class,
            () ->
                answering("printf '{\"ok\":false,\"error\":\"not a repo name: ..\"}'")
                    .call(new WorkerRequest.Hoist("..")));
    assertEquals("not a repo name: ..", e.getMessage());
  }

  @Test
  void a_well_formed_reply_is_read() throws Exception {
    assertEquals(
        new WorkerReply.Migrated(List.of("moved")),
        answering("printf '{\"ok\":true,\"result\":{\"steps\":[\"moved\"]}}'")
            .call(new WorkerRequest.Migrate()));
  }

  @Test
  void a_worker_jvm_starts_with_the_attach_mechanism_disabled() {
    assertTrue(UserWorker.javaCommand().contains("-XX:+DisableAttachMechanism"));
  }
}
