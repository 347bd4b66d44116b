package dev.workstation.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Actions reach the host only through their ports: what each one does, seen in memory. */
class ActionPortsTest {
  final InMemoryEffects fx = new InMemoryEffects();

  @Test
  void a_new_account_is_created_locked_with_a_private_home_and_its_uid_remembered()
      throws Exception {
    new CreateAccount("emo", "/bin/zsh", Path.of("/home/emo"), 1234).apply(fx);
    assertEquals(List.of("create-account emo", "lock-password emo", "chmod /home/emo 700"), fx.log);
    assertEquals(Map.of("emo", 1234), fx.uids);
  }

  @Test
  void an_account_is_not_created_over_a_home_path_someone_else_left_there() {
    fx.files.put(Path.of("/home/emo"), "a stray file");
    Exception e =
        assertThrows(
            java.io.IOException.class,
            () -> new CreateAccount("emo", "/bin/bash", Path.of("/home/emo"), 1234).apply(fx));
    assertTrue(e.getMessage().contains("already exists but no account owns it"), e.getMessage());
    assertTrue(fx.accounts.isEmpty(), "the account database was left alone");
  }

  @Test
  void a_cut_locks_the_account_and_records_the_day_it_happened() throws Exception {
    fx.accounts.put(
        "emo",
        new InMemoryEffects.Account(
            "/bin/bash", Path.of("/home/emo"), 1001, new java.util.TreeSet<>(), false));
    new CutUser("emo", List.of()).apply(fx);
    assertTrue(fx.accounts.get("emo").cut());
    assertEquals("cut " + InMemoryEffects.TODAY, fx.cuts.get("emo"));
  }

  @Test
  void a_restore_clears_the_cut_and_forgets_its_record() throws Exception {
    fx.cuts.put("emo", "cut 2026-01-01");
    new UncutUser("emo").apply(fx);
    assertEquals(List.of("uncut emo"), fx.log);
    assertFalse(fx.cuts.containsKey("emo"));
  }

  @Test
  void a_layout_move_keeps_its_journal_until_the_worker_has_finished_it() throws Exception {
    fx.worker(
        (user, req, deadline) -> {
          assertTrue(fx.journals.contains(user), "journal written before the move starts");
          throw new java.io.IOException("interrupted");
        });
    assertThrows(java.io.IOException.class, () -> new MigrateLayout("emo", false).apply(fx));
    assertTrue(fx.journals.contains("emo"), "the next run finishes the move");
    fx.worker((user, req, deadline) -> new dev.workstation.worker.WorkerReply.Done());
    new MigrateLayout("emo", true).apply(fx);
    assertFalse(fx.journals.contains("emo"));
  }

  @Test
  void a_root_file_is_written_whole_with_its_mode() throws Exception {
    new WriteFile(Owner.AFTER_USERS, Path.of("/etc/ttyd-admins"), "emo\n", "rw-r--r--", "admins")
        .apply(fx);
    assertEquals("emo\n", fx.files.get(Path.of("/etc/ttyd-admins")));
    assertEquals("rw-r--r--", fx.modes.get(Path.of("/etc/ttyd-admins")));
  }

  @Test
  void a_root_file_is_removed_through_the_removal_port_and_nothing_there_is_fine()
      throws Exception {
    Path dropIn = Path.of("/etc/systemd/system/user-1001.slice.d/50-workstation.conf");
    fx.files.put(dropIn, "[Slice]\n");
    RemoveFile remove = new RemoveFile(Owner.user("emo"), dropIn, "destroyed");
    remove.apply(fx);
    remove.apply(fx);
    assertFalse(fx.files.containsKey(dropIn));
    assertEquals(List.of("remove " + dropIn), fx.log);
    assertEquals(java.util.Optional.of(dropIn), remove.unitFile());
  }

  @Test
  void a_reload_reloads_the_managers_whose_files_changed() throws Exception {
    new ReloadUnits(1, java.util.Set.of(dev.workstation.units.Units.Manager.SYSTEM)).apply(fx);
    assertEquals(List.of("daemon-reload"), fx.log);
    new ReloadUnits(1, java.util.Set.of(dev.workstation.units.Units.Manager.USER)).apply(fx);
    assertEquals(List.of("daemon-reload", "reload user managers"), fx.log);
  }

  @Test
  void units_are_enabled_and_disabled_through_systemd_only() throws Exception {
    new EnableUnit("emo", "t3-serve@emo.service").apply(fx);
    new DisableUnit("emo", "t3-serve@emo.service", "parked").apply(fx);
    assertEquals(List.of("enable t3-serve@emo.service", "disable t3-serve@emo.service"), fx.log);
  }

  @Test
  void groups_are_added_to_the_account_and_none_taken_away() throws Exception {
    fx.accounts.put(
        "emo",
        new InMemoryEffects.Account(
            "/bin/bash",
            Path.of("/home/emo"),
            1001,
            new java.util.TreeSet<>(List.of("docker")),
            false));
    new AddToGroups("emo", List.of("sudo"), false).apply(fx);
    assertEquals(java.util.Set.of("docker", "sudo"), fx.accounts.get("emo").groups());
  }
}
