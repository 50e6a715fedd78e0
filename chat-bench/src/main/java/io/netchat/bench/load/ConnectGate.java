package io.netchat.bench.load;

/**
 * Bounds the TCP connects in progress at once, separately from the handshakes in flight: a server
 * that listens with a short backlog (ngIRCd: 10) loses the SYNs of a larger burst, and those
 * connections then wait out the kernel's retransmits (1 s, 3 s, 7 s…). A start that finds the gate
 * full is deferred and runs when a connect ends. Thread-safe.
 */
final class ConnectGate {
  private final int limit;
  private int active;
  private int deferred;

  ConnectGate(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("at least one connect at a time: " + limit);
    }
    this.limit = limit;
  }

  /** Takes a slot and returns true, or defers one start and returns false. */
  synchronized boolean tryEnter() {
    if (active < limit) {
      active++;
      return true;
    }
    deferred++;
    return false;
  }

  /** A connect ended: returns true when a deferred start should run now, holding the freed slot. */
  synchronized boolean leave() {
    if (deferred > 0) {
      deferred--;
      return true;
    }
    active--;
    return false;
  }
}
