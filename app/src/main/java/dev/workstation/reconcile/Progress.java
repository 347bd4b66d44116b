package dev.workstation.reconcile;

/**
 * Where a long run says how far it has got, for a person watching a terminal: a phase over some
 * number of users begins, then each user of it is done (from any thread). The timer's runs and
 * scripts get {@link #NONE}.
 */
public interface Progress {
  Progress NONE =
      new Progress() {
        @Override
        public void begin(String phase, int users) {}

        @Override
        public void done(String user) {}
      };

  /** {@code phase} ("apply", "freshen") starts, over {@code users} users. */
  void begin(String phase, int users);

  /** One user of the current phase is done. */
  void done(String user);
}
