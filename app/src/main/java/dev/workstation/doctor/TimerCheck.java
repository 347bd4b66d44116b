package dev.workstation.doctor;

import dev.workstation.host.Executables;
import dev.workstation.host.ProcessRunner;
import java.util.List;

/** The hourly timer: enabled (the package enables it; an admin may have turned it off). */
final class TimerCheck {
  static final String TIMER = "workstation-reconcile.timer";

  private TimerCheck() {}

  static List<Check> run() {
    if (Executables.onPath("systemctl").isEmpty()) {
      return List.of();
    }
    String state;
    try {
      state = new ProcessRunner().run(List.of("systemctl", "is-enabled", TIMER)).stdout().strip();
    } catch (RuntimeException e) {
      state = "unknown";
    }
    if (state.equals("enabled")) {
      return List.of(Check.ok("timer", TIMER + " enabled"));
    }
    return List.of(
        Check.warn(
            "timer",
            TIMER + " is " + (state.isEmpty() ? "not installed" : state),
            "systemctl enable --now " + TIMER + " (once plan shows what you expect)"));
  }
}
