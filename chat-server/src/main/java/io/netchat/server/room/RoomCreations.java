package io.netchat.server.room;

/**
 * What the registry asks before it creates a room, and where it reports a global limit hit: rate
 * limits on creation per remote address, and the rate-limited log of limits. Thread-safe; called
 * on the creating session's loop, so it never blocks.
 */
public interface RoomCreations {
  /** Creation is never refused by rate; limit hits are not logged. */
  RoomCreations UNLIMITED = new RoomCreations() {
    @Override
    public String refusal(Member creator) {
      return null;
    }

    @Override
    public void limitHit(String cause, String line) {}
  };

  /** {@code null} when {@code creator} may create a room now (taking its share), else why not. */
  String refusal(Member creator);

  /** A global limit was hit: logged once per {@code cause} and window, repeats summed up. */
  void limitHit(String cause, String line);
}
