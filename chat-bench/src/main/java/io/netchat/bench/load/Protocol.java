package io.netchat.bench.load;

import io.netchat.bench.load.irc.IrcCommands;
import io.netchat.codec.ClientMessage;

/** What the generator talks to, which decides its handshake, what a publisher writes and who receives it. */
public enum Protocol {
  /**
   * A netchat server: {@code hello} then {@code join} (pipelined), done on {@code joined}.
   */
  NETCHAT,
  /**
   * The baseline fan-out server: the {@code join} frame's bytes name the connection's group and
   * the server echoes that frame; done on the echo.
   */
  BASELINE,
  /**
   * An IRC server (ngIRCd, netchat's IRC listener): {@code CAP LS 302}, {@code NICK}, {@code USER},
   * {@code CAP REQ :server-time} when offered, {@code CAP END}, then {@code JOIN #room} once
   * welcomed; done on the end of the room's names. A publisher writes {@code PRIVMSG #room :text},
   * which an IRC server sends to every member but the sender.
   */
  IRC;

  /** How many of a room's {@code members} receive one member's message. */
  public int recipients(int members) {
    return this == IRC ? members - 1 : members;
  }

  /** What a publisher writes to say {@code text} in {@code room}. */
  Object say(String room, String text) {
    return this == IRC ? IrcCommands.privmsg(room, text) : new ClientMessage.Say(null, room, text);
  }
}
