package io.netchat.server.room;

import io.netchat.codec.WireFormat;
import io.netty.channel.EventLoop;

/**
 * What a room sees of one session: its nick and wire format, a way to answer it, and a way to tell
 * it the outcome of its joins and leaves. Rooms reach a connection only through this seam and
 * never see its channel.
 */
public interface Member {

  /** The nick; set before any room command is accepted. */
  String nick();

  /** The session's event loop, which owns its state and its channel. */
  EventLoop loop();

  /** Index of the session's listener: a broadcast is encoded once per index. */
  int formatIndex();

  WireFormat format();

  /**
   * Queues a message, or a framed {@link io.netty.buffer.ByteBuf} this takes ownership of, for
   * this session; callable from any thread, in the order of the calls.
   */
  void send(Object message);

  /**
   * Runs room work for one of this session's commands on {@code roomLoop}, after the room work of
   * its earlier commands, so that answers keep the order of the commands. Session loop only.
   */
  void submit(EventLoop roomLoop, Runnable work);

  /** The room answered a join of {@code roomKey}: the session is in it, or was refused. Any thread. */
  void joinAnswered(String roomKey, boolean joined);

  /** The session left the room {@code roomKey}. Any thread. */
  void leftRoom(String roomKey);
}
