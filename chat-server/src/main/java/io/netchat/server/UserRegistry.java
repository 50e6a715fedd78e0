package io.netchat.server;

import io.netchat.server.room.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-in sessions by case-insensitive nick, and by account. A guest's nick is held by its one
 * session; an account's by the sessions logged in to it (its devices, docs/PROTOCOL.md §18), in the
 * order they logged in. An account holds at most {@code max_sessions_per_account} sessions
 * whatever their nicks: a device that changed its nick away from the account's still counts, so
 * the bound is kept by an index of each account's sessions apart from the nicks. Thread-safe: each
 * change of one nick, or of one account's sessions, is atomic, on immutable lists.
 */
final class UserRegistry {
  private final ConcurrentHashMap<String, List<Session>> byNick = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, List<Session>> byAccount = new ConcurrentHashMap<>();

  /** What {@link #addDevice} did. */
  enum Added {
    /** The session holds the nick now, alone or with other sessions of its account. */
    ADDED,
    /** The account holds {@code max} sessions already. */
    FULL,
    /** Someone else (a guest, or a session not of the account) holds the nick. */
    HELD
  }

  /** Claims {@code nick} for {@code session}; false when someone has it. */
  boolean register(String nick, Session session) {
    return byNick.putIfAbsent(Names.key(nick), List.of(session)) == null;
  }

  /**
   * Adds {@code session}, logged in to {@code account}, to the account's sessions when they are
   * fewer than {@code max} (whatever nicks they hold now), and to the holders of {@code nick}: alone
   * when no one holds it, beside the sessions of the same account. {@link Added#HELD}: the session
   * counts for the account, but someone else holds the nick ({@link #takeOver} it, or
   * {@link #leaveAccount}).
   */
  Added addDevice(String nick, Session session, String account, int max) {
    if (!joinAccount(account, session, max)) {
      return Added.FULL;
    }
    Added[] outcome = {Added.ADDED};
    byNick.compute(Names.key(nick), (key, holders) -> {
      if (holders == null) {
        return List.of(session);
      }
      if (!holders.stream().allMatch(s -> account.equals(s.account()))) {
        outcome[0] = Added.HELD;
        return holders;
      }
      return with(holders, session);
    });
    return outcome[0];
  }

  /**
   * Counts {@code session} among the sessions of {@code account} when they are fewer than
   * {@code max}; false when full. A session counted already is not counted twice.
   */
  boolean joinAccount(String account, Session session, int max) {
    boolean[] joined = {true};
    byAccount.compute(account, (key, sessions) -> {
      if (sessions == null) {
        return List.of(session);
      }
      if (indexOf(sessions, session) >= 0) {
        return sessions;
      }
      if (sessions.size() >= max) {
        joined[0] = false;
        return sessions;
      }
      return with(sessions, session);
    });
    return joined[0];
  }

  /** {@code session} no longer counts for {@code account} (a login that failed after {@link #addDevice}). */
  void leaveAccount(String account, Session session) {
    remove(byAccount, account, session);
  }

  /** Every session logged in to {@code account}, whatever its nick, oldest login first; empty when none. */
  List<Session> accountSessions(String account) {
    return byAccount.getOrDefault(account, List.of());
  }

  /** Gives {@code old}'s place to {@code resumed}; false when {@code old} no longer holds its nick. */
  boolean replace(Session old, Session resumed) {
    if (old.nick() == null) {
      return false;
    }
    boolean replaced = replace(byNick, Names.key(old.nick()), old, resumed);
    if (replaced && old.account() != null) {
      replace(byAccount, old.account(), old, resumed);
    }
    return replaced;
  }

  private static boolean replace(ConcurrentHashMap<String, List<Session>> index, String key, Session old,
      Session resumed) {
    boolean[] replaced = {false};
    index.computeIfPresent(key, (k, holders) -> {
      int at = indexOf(holders, old);
      if (at < 0) {
        return holders;
      }
      replaced[0] = true;
      List<Session> next = new ArrayList<>(holders);
      next.set(at, resumed);
      return List.copyOf(next);
    });
    return replaced[0];
  }

  /**
   * Gives {@code session} the nick {@code nick} and frees its place under the old one (other
   * devices of its account keep that), atomically for anyone claiming {@code nick}; false when
   * someone else has it. The sessions of the session's own account holding {@code nick} take it
   * in beside them, up to {@code max}. A change of case only keeps the claim.
   */
  boolean rename(Session session, String nick, int max) {
    String oldKey = Names.key(session.nick());
    String newKey = Names.key(nick);
    if (oldKey.equals(newKey)) {
      return indexOf(byNick.getOrDefault(oldKey, List.of()), session) >= 0;
    }
    String account = session.account();
    boolean[] taken = {false};
    byNick.compute(newKey, (key, holders) -> {
      if (holders == null) {
        return List.of(session);
      }
      if (account != null && holders.size() < max && holders.stream().allMatch(s -> account.equals(s.account()))) {
        return with(holders, session);
      }
      taken[0] = true;
      return holders;
    });
    if (taken[0]) {
      return false;
    }
    remove(oldKey, session);
    return true;
  }

  /**
   * Gives {@code nick} to {@code owner} (a session logged in to the nick's account) in place of
   * {@code holder} when {@code holder} holds it alone; false otherwise.
   */
  boolean takeOver(String nick, Session holder, Session owner) {
    return byNick.replace(Names.key(nick), List.of(holder), List.of(owner));
  }

  /** Frees {@code session}'s place under {@code nick} (a claim that was not confirmed). */
  void release(String nick, Session session) {
    remove(Names.key(nick), session);
  }

  /** The first session holding {@code nick}, or null. */
  Session find(String nick) {
    List<Session> holders = byNick.get(Names.key(nick));
    return holders == null ? null : holders.get(0);
  }

  /** Every session holding {@code nick}, oldest login first; empty when none. */
  List<Session> sessions(String nick) {
    return byNick.getOrDefault(Names.key(nick), List.of());
  }

  void unregister(Session session) {
    if (session.nick() != null) {
      remove(Names.key(session.nick()), session);
    }
    if (session.account() != null) {
      leaveAccount(session.account(), session);
    }
  }

  /** Nicks held. */
  int size() {
    return byNick.size();
  }

  private void remove(String key, Session session) {
    remove(byNick, key, session);
  }

  private static void remove(ConcurrentHashMap<String, List<Session>> index, String key, Session session) {
    index.computeIfPresent(key, (k, holders) -> {
      int at = indexOf(holders, session);
      if (at < 0) {
        return holders;
      }
      if (holders.size() == 1) {
        return null;
      }
      List<Session> next = new ArrayList<>(holders);
      next.remove(at);
      return List.copyOf(next);
    });
  }

  private static List<Session> with(List<Session> holders, Session session) {
    List<Session> next = new ArrayList<>(holders.size() + 1);
    next.addAll(holders);
    next.add(Objects.requireNonNull(session));
    return List.copyOf(next);
  }

  private static int indexOf(List<Session> holders, Session session) {
    for (int i = 0; i < holders.size(); i++) {
      if (holders.get(i) == session) {
        return i;
      }
    }
    return -1;
  }
}
