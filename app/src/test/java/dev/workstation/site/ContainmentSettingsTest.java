package dev.workstation.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.input.InvalidInputException;
import dev.workstation.roster.Tier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code containment:} read strictly, and its caps added up against the RAM. */
class ContainmentSettingsTest {
  static final long G = 1L << 30;
  static final String CAPS =
      "containment:\n"
          + "  user_memory_max: {admin: 24G, power-user: 16G, namespace-owner: 12G}\n"
          + "  pane_memory_max: 6G\n";

  static ContainmentSettings parse(String yaml) {
    return SiteConfigParser.parse("workstation.yaml", yaml.getBytes(StandardCharsets.UTF_8))
        .containment()
        .orElseThrow();
  }

  static List<String> errors(String yaml) {
    return assertThrows(InvalidInputException.class, () -> parse(yaml)).problems().stream()
        .map(p -> p.render())
        .toList();
  }

  @Test
  void every_tiers_cap_and_the_pane_cap_are_read_in_bytes_with_the_specs_defaults_for_the_rest() {
    ContainmentSettings c = parse(CAPS);
    assertEquals(24 * G, c.memoryMax(Tier.ADMIN));
    assertEquals(16 * G, c.memoryMax(Tier.POWER_USER));
    assertEquals(12 * G, c.memoryMax(Tier.NAMESPACE_OWNER));
    assertEquals(6 * G, c.paneMemoryMax());
    assertEquals(0, c.userSwapMax());
    assertEquals(8192, c.userTasksMax());
    assertEquals(1.0, c.overcommit());
  }

  @Test
  void one_size_caps_every_tier_and_every_key_can_be_set() {
    ContainmentSettings c =
        parse(
            "containment: {user_memory_max: 512M, pane_memory_max: 64M, user_swap_max: 1G,"
                + " user_tasks_max: 64, overcommit: 1.5}\n");
    for (Tier t : Tier.values()) {
      assertEquals(512L << 20, c.memoryMax(t));
    }
    assertEquals(G, c.userSwapMax());
    assertEquals(64, c.userTasksMax());
    assertEquals(1.5, c.overcommit());
  }

  @Test
  void a_size_that_is_not_a_whole_number_with_a_unit_names_the_field_and_the_form() {
    List<String> e =
        errors(
            "containment:\n"
                + "  user_memory_max: {admin: 24GB, power-user: 50%, namespace-owner: 12}\n"
                + "  pane_memory_max: 1.5G\n");
    String form =
        "write a whole number with K, M, G or T (1024-based, as systemd reads it), like 24G or"
            + " 512M";
    assertEquals(
        List.of(
            "workstation.yaml:2:28: containment.user_memory_max.admin: '24GB' is not a size; "
                + form,
            "workstation.yaml:2:46: containment.user_memory_max.power-user: '50%' is a percentage:"
                + " capacity adds the caps up in bytes; "
                + form,
            "workstation.yaml:2:68: containment.user_memory_max.namespace-owner: '12' has no unit; "
                + form,
            "workstation.yaml:3:20: containment.pane_memory_max: '1.5G' is not a size; " + form),
        e);
  }

  @Test
  void a_cap_too_small_to_log_in_or_larger_than_any_machine_is_refused() {
    List<String> e =
        errors(
            "containment: {user_memory_max: 0, pane_memory_max: 16M, user_tasks_max: 4,"
                + " user_swap_max: 999999999999999T}\n");
    assertTrue(e.get(0).contains("user_memory_max: 0 would kill every process there"), e.get(0));
    assertTrue(e.get(1).contains("pane_memory_max: '16M' is below 32M"), e.get(1));
    assertTrue(e.get(2).contains("user_swap_max: '999999999999999T' is larger"), e.get(2));
    assertTrue(e.get(3).contains("user_tasks_max: must be a whole number from 16"), e.get(3));
    assertEquals(4, e.size(), e.toString());
  }

  @Test
  void a_tier_without_a_cap_or_no_caps_at_all_is_an_error() {
    assertEquals(
        List.of(
            "workstation.yaml:2:20: containment.user_memory_max.namespace-owner: no cap for"
                + " namespace-owner: give every tier one (or one size for all)"),
        errors(
            "containment:\n"
                + "  user_memory_max: {admin: 24G, power-user: 16G}\n"
                + "  pane_memory_max: 6G\n"));
    List<String> none = errors("containment: {overcommit: 200}\n");
    assertTrue(
        none.contains(
            "workstation.yaml:1:14: containment.user_memory_max: required field is missing"),
        none.toString());
    assertTrue(
        none.contains(
            "workstation.yaml:1:14: containment.pane_memory_max: required field is missing"),
        none.toString());
    assertTrue(
        none.stream().anyMatch(p -> p.contains("containment.overcommit: must be a number")),
        none.toString());
  }

  @Test
  void caps_that_add_up_past_ram_times_overcommit_are_named_with_the_figures() {
    ContainmentSettings c = parse(CAPS + "  overcommit: 1.5\n");
    assertEquals(Optional.empty(), c.overcommitted(32 * G, List.of(Tier.ADMIN, Tier.POWER_USER)));
    assertEquals(
        Optional.of(
            "containment: the memory caps of 3 active users add up to 52.0 GiB (admin 24G ×1,"
                + " power-user 16G ×1, namespace-owner 12G ×1), above RAM 24.0 GiB × overcommit"
                + " 1.5 = 36.0 GiB: a cap cannot bind before the box runs out (lower"
                + " containment.user_memory_max, park a user, or add memory)"),
        c.overcommitted(24 * G, List.of(Tier.ADMIN, Tier.POWER_USER, Tier.NAMESPACE_OWNER)));
  }

  @Test
  void sizes_are_written_as_systemd_reads_them() {
    assertEquals("24G", ContainmentSettings.systemdSize(24 * G));
    assertEquals("1536M", ContainmentSettings.systemdSize(3 * G / 2));
    assertEquals("2T", ContainmentSettings.systemdSize(2048 * G));
    assertEquals("0", ContainmentSettings.systemdSize(0));
    assertEquals("1000", ContainmentSettings.systemdSize(1000));
  }

  @Test
  void the_section_is_optional() {
    assertEquals(
        Optional.empty(),
        SiteConfigParser.parse("w.yaml", "home_root: /home\n".getBytes(StandardCharsets.UTF_8))
            .containment());
  }
}
