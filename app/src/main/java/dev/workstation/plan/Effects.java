package dev.workstation.plan;

import dev.workstation.account.Accounts;
import dev.workstation.account.UidMap;

/** The side-effect ports an action may use when it is applied. */
public interface Effects {
  Accounts accounts();

  UidMap uids();
}
