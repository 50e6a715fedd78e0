package io.netchat.server.room;

import io.netchat.codec.Capability;
import io.netchat.codec.WireFormat;
import io.netchat.server.fanout.Recipient;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * What a room sees of one session: its nick and wire format, a way to answer it, a way to tell it
 * the outcome of its joins and leaves, and (as a {@link Recipient}) a place for broadcasts. Rooms
 * reach a connection only through this seam and never see its channel.
 */
public interface Member extends Recipient {

  /** The nick; set before any room command is accepted. */
  String nick();

  WireFormat format();

  /**
   * The case-folded name of the account the session is logged in to, or null for a guest: a
   * room shows the sessions of one account under one nick as one member (docs/PROTOCOL.md §18), and
   * roles and bans follow it (§17).
   */
  default String account() {
    return null;
  }

  /** The remote host the session connects from: room creation is rate limited per host. */
  String remoteHost();

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

  /**
   * As {@link #submit}, for work that may answer later (after a store commit or read): the
   * session's later commands wait until the stage {@code work} returns has completed.
   */
  void submitAsync(EventLoop roomLoop, Supplier<? extends CompletionStage<?>> work);

  /** The room answered a join of {@code roomKey}: the session is in it, or was refused. Any thread. */
  void joinAnswered(String roomKey, boolean joined);

  /** The session left the room {@code roomKey}. Any thread. */
  void leftRoom(String roomKey);

  /**
   * Contract 1.1: claims {@code txn} for this session's {@code say} or {@code dm}, for the txn
   * window ({@link TxnLedger#claim}): the first claim sends and settles it, a repeat answers from
   * the first one's outcome. Null when the session keeps no txns. Any thread.
   */
  TxnLedger.Claim claim(String txn);

  /**
   * Contract 1.1: whether the session negotiated the {@code events} capability, so that a replay
   * on {@code join{since}} holds the room's events (topic changes) as well as its messages.
   */
  boolean wantsEvents();

  /** Contract 1.1: whether the session negotiated {@code capability}, so a room may send it that event. */
  default boolean takes(Capability capability) {
    return false;
  }

  /**
   * Whether the session gets its own room messages back in the room's broadcast: true but for an
   * IRC session that did not negotiate {@code echo-message}.
   */
  default boolean echoes() {
    return true;
  }

  /** The reason the session gave in {@code quit{reason}}, for its {@code presence{quit}}; null when none. */
  default String quitReason() {
    return null;
  }

  /**
   * The {@code re} to put on an answer sent to this session alone for the command with id
   * {@code id}: the id for a session that spoke contract 1.1, {@code null} for a v1 session, whose
   * answers stay exactly v1. Never used on a broadcast (encoded once for every member).
   */
  default String re(String id) {
    return null;
  }
}
