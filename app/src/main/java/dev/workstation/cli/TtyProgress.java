package dev.workstation.cli;

import dev.workstation.reconcile.Progress;
import java.io.PrintWriter;

/**
 * {@code n/N users} of the current phase on one self-rewriting line of standard error, for a person
 * at a terminal. The action lines still scroll above it: {@link #print} takes the line away,
 * prints, and puts it back. The text is ours (a phase name and numbers), so it is written raw.
 */
final class TtyProgress implements Progress {
  private final PrintWriter tty;
  private String phase = "";
  private int total;
  private int done;
  private boolean shown;

  private TtyProgress(PrintWriter tty) {
    this.tty = tty;
  }

  /** Progress on {@code rawErr} when the command runs at a terminal; otherwise none. */
  static Progress forTerminal(PrintWriter rawErr) {
    return System.console() != null ? new TtyProgress(rawErr) : Progress.NONE;
  }

  /** For a test: progress on {@code tty} whatever it is. */
  static TtyProgress on(PrintWriter tty) {
    return new TtyProgress(tty);
  }

  @Override
  public synchronized void begin(String phase, int users) {
    this.phase = phase;
    this.total = users;
    this.done = 0;
    draw();
  }

  @Override
  public synchronized void done(String user) {
    done++;
    draw();
    if (done >= total) {
      clear(); // the phase is over: the line goes, the log stays
    }
  }

  /** Runs {@code print} (it writes whole lines) with the progress line out of its way. */
  static void print(Progress p, Runnable print) {
    if (p instanceof TtyProgress t) {
      synchronized (t) {
        t.clear();
        print.run();
        t.draw();
      }
    } else {
      print.run();
    }
  }

  private void draw() {
    if (total <= 0 || done >= total) {
      return;
    }
    tty.print("\r" + phase + ": " + done + "/" + total + " users\u001b[K");
    tty.flush();
    shown = true;
  }

  private void clear() {
    if (shown) {
      tty.print("\r\u001b[K");
      tty.flush();
      shown = false;
    }
  }
}
