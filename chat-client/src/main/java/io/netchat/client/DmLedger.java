package io.netchat.client;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * Where this client is in its account's dm stream (docs/PROTOCOL.md §18.5): the stream's
 * {@code epoch} and the last {@code seq} delivered, for the {@code dms{since, epoch}} that resumes
 * it after a reconnect, and the filter that drops a dm delivered before — by seq within the
 * stream, and by {@code msgid} for a dm that came once outside it (kept while the account was
 * offline) and again in a replay. Confined to the client's event loop; not thread-safe.
 */
final class DmLedger {
  /** Most msgids remembered to tell a replayed dm from one delivered outside the stream. */
  static final int MSGIDS = 256;

  private String epoch;
  private long lastSeq;
  private final LinkedHashSet<String> msgids = new LinkedHashSet<>();

  /**
   * The {@code dms} that resumes the stream: after the last seq delivered in its epoch, or, before
   * any, one that only learns where the stream stands (its answer's dms are then dropped).
   */
  ClientMessage.Dms resume(String id) {
    return epoch == null ? new ClientMessage.Dms(id, null, null) : new ClientMessage.Dms(id, lastSeq, epoch);
  }

  /**
   * The answer to {@code dms}. The first one sets where the stream stands now (what it replays
   * was before this client); one from another epoch is a new numbering, whose replay (the latest
   * page) is delivered.
   */
  void onStream(ServerMessage.DmStream stream) {
    if (epoch == null) {
      epoch = stream.epoch();
      lastSeq = stream.seq();
    } else if (!epoch.equals(stream.epoch())) {
      epoch = stream.epoch();
      lastSeq = 0;
    }
  }

  /** Whether {@code dm} is new (and then records it); false for one delivered before. */
  boolean accept(ServerMessage.Dm dm) {
    if (dm.seq() != null && dm.epoch() != null) {
      if (dm.epoch().equals(epoch) && dm.seq() <= lastSeq) {
        return false;
      }
      if (!dm.epoch().equals(epoch)) {
        epoch = dm.epoch(); // the stream started again: this is its first news
      }
      lastSeq = dm.seq();
    }
    if (dm.msgid() != null && msgids.contains(dm.msgid())) {
      return false; // delivered before, outside the stream (kept while the account was offline)
    }
    if (dm.msgid() != null) {
      msgids.add(dm.msgid());
      if (msgids.size() > MSGIDS) {
        Iterator<String> oldest = msgids.iterator();
        oldest.next();
        oldest.remove();
      }
    }
    return true;
  }

  /** The stream's epoch, or null before this client knows it. */
  String epoch() {
    return epoch;
  }

  /** The last seq of the stream delivered. */
  long lastSeq() {
    return lastSeq;
  }
}
