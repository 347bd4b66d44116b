package dev.workstation.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** An action's owner is typed: a user by name, or the machine in a phase; never "-". */
class OwnerTest {
  @Test
  void a_user_owner_must_name_an_account() {
    assertThrows(IllegalArgumentException.class, () -> Owner.user("-"));
    assertThrows(IllegalArgumentException.class, () -> Owner.user(""));
  }

  @Test
  void the_machine_is_shown_as_a_dash_and_is_nobodys() {
    assertEquals("-", Owner.AFTER_USERS.label());
    assertEquals(Owner.Phase.BEFORE, ((Owner.Machine) Owner.BEFORE_USERS).phase());
    assertTrue(Owner.user("emo").is("emo"));
    assertTrue(!Owner.BEFORE_USERS.is("-"));
  }
}
