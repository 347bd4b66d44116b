package dev.workstation.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workstation.input.JsonReader;
import dev.workstation.util.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DoctorReportTest {

  @Test
  void a_warning_leaves_the_host_healthy_and_points_at_plan() {
    DoctorReport r =
        new DoctorReport(List.of(Check.ok("tool tar", "/bin/tar"), Check.warn("kube", "x", "y")));
    assertTrue(r.healthy());
    assertTrue(r.next().startsWith("next: workstation plan"), r.next());
  }

  @Test
  void one_failing_check_makes_the_host_unhealthy_and_says_to_fix_the_fail_lines() {
    DoctorReport r =
        new DoctorReport(List.of(Check.ok("a", "b"), Check.of("vault", false, "down", "fix")));
    assertFalse(r.healthy());
    assertEquals(
        "next: fix the FAIL lines from the top, then run workstation doctor again.", r.next());
  }

  @Test
  @SuppressWarnings("unchecked")
  void json_carries_each_status_as_its_lowercase_word() {
    DoctorReport r =
        new DoctorReport(
            List.of(Check.ok("a", "1"), Check.warn("b", "2", "r"), Check.fail("c", "3", "r")));
    Map<String, Object> json = JsonReader.object("doctor", Json.write(r.toJson()));
    List<Object> checks = (List<Object>) json.get("checks");
    assertEquals(
        List.of("ok", "warn", "fail"),
        checks.stream().map(c -> ((Map<String, Object>) c).get("status")).toList());
    assertEquals(false, json.get("healthy"));
  }
}
