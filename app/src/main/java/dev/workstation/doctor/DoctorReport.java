package dev.workstation.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every check {@code doctor} ran, in order; rendered as lines for people or as JSON. */
public record DoctorReport(List<Check> checks) {
  public DoctorReport {
    checks = List.copyOf(checks);
  }

  /** Healthy when no check failed (warnings do not count). */
  public boolean healthy() {
    return checks.stream().noneMatch(c -> c.status() == CheckStatus.FAIL);
  }

  /** The line after the checks: what to do next, for a person reading it top to bottom. */
  public String next() {
    if (!healthy()) {
      return "next: fix the FAIL lines from the top, then run workstation doctor again.";
    }
    return "next: workstation plan shows what the first reconcile would do; then sudo workstation"
        + " reconcile, or let the timer run it.";
  }

  /** For {@code --json}: raw values (the JSON writer escapes them). */
  public Map<String, Object> toJson() {
    List<Object> out = new ArrayList<>();
    for (Check c : checks) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("status", c.status().word());
      m.put("detail", c.detail());
      m.put("remedy", c.remedy());
      out.add(m);
    }
    return Map.of("checks", out, "healthy", healthy());
  }
}
