package dev.workstation.plan;

/** Where a user's offboarding cut stands, as its record says. */
public enum CutState {
  /** Recorded before acting: the cut is (re)tried until it is done. */
  PENDING,
  /** Done ({@code cut <date>}): the account waits for {@code offboard --destroy}. */
  CUT;

  /** The state a record's text says: {@code cut …} is done, anything else is pending. */
  public static CutState ofRecord(String record) {
    return record.strip().startsWith("cut") ? CUT : PENDING;
  }
}
