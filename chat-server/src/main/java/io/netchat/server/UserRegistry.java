package io.netchat.server;

import io.netchat.server.room.Names;
import java.util.concurrent.ConcurrentHashMap;

/** Logged-in sessions by case-insensitive nick. Thread-safe. */
final class UserRegistry {
  private final ConcurrentHashMap<String, Session> byNick = new ConcurrentHashMap<>();

  /** Claims {@code nick} for {@code session}; false when someone has it. */
  boolean register(String nick, Session session) {
    return byNick.putIfAbsent(Names.key(nick), session) == null;
  }

  /** Gives {@code old}'s nick to {@code resumed}; false when {@code old} no longer holds it. */
  boolean replace(Session old, Session resumed) {
    return old.nick() != null && byNick.replace(Names.key(old.nick()), old, resumed);
  }

  /**
   * Gives {@code session} the nick {@code nick} and frees its old one, atomically for anyone
   * claiming {@code nick}; false when someone else has it. A change of case only keeps the claim.
   */
  boolean rename(Session session, String nick) {
    String oldKey = Names.key(session.nick());
    String newKey = Names.key(nick);
    if (oldKey.equals(newKey)) {
      return byNick.get(oldKey) == session;
    }
    if (byNick.putIfAbsent(newKey, session) != null) {
      return false;
    }
    byNick.remove(oldKey, session);
    return true;
  }

  /**
   * Gives {@code nick} to {@code owner} (a session logged in to the nick's account) in place of
   * {@code holder}; false when {@code holder} no longer holds it.
   */
  boolean takeOver(String nick, Session holder, Session owner) {
    return byNick.replace(Names.key(nick), holder, owner);
  }

  /** Frees {@code nick} if {@code session} holds it (a claim that was not confirmed). */
  void release(String nick, Session session) {
    byNick.remove(Names.key(nick), session);
  }

  Session find(String nick) {
    return byNick.get(Names.key(nick));
  }

  void unregister(Session session) {
    if (session.nick() != null) {
      byNick.remove(Names.key(session.nick()), session);
    }
  }

  int size() {
    return byNick.size();
  }
}
