package io.netchat.store;

import java.util.List;

/**
 * What {@link OfflineDmStore#take} handed out for one account: the dms kept, oldest first, and how
 * many older ones were dropped before them (past the bound per account).
 */
public record OfflineDms(List<StoredDm> dms, long dropped) {
  /** Nothing kept. */
  public static final OfflineDms NONE = new OfflineDms(List.of(), 0);

  public OfflineDms {
    dms = List.copyOf(dms);
    if (dropped < 0) {
      throw new IllegalArgumentException("dropped must be >= 0, got " + dropped);
    }
  }

  public boolean isEmpty() {
    return dms.isEmpty() && dropped == 0;
  }
}
