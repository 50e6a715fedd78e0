package io.netchat.codec;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The capabilities of contract 1.1 (docs/PROTOCOL.md §12): what a client asks for in
 * {@code hello{caps}} and the server grants in {@code welcome{caps}}. A new event type or enum
 * value goes only to sessions that asked for its capability; every other session gets the
 * documented v1 fallback. Names a server does not know are ignored, never an error.
 */
public enum Capability {
  /**
   * Room events beyond v1's {@code message}, {@code presence} and {@code topic} (kicks, mode and
   * role changes), each with its {@code seq}, and topic changes in a replay. Without it a session
   * gets the v1 fallback: a kick as {@code presence{leave}}, and no event for a change v1 cannot
   * show. (A nick change has its own capability, {@link #NICK}.)
   */
  EVENTS,
  /**
   * A nick change (§14) as one {@code presence{event: "nick", nick: old, new_nick}} per shared room.
   * Without it: {@code presence{quit}} + {@code presence{join}} in each shared room.
   */
  NICK,
  /**
   * {@code presence{event: "away", text}} and {@code presence{event: "back"}} (§14) when a member of a
   * shared room sets or clears an away message. Without it: nothing (v1 has no away).
   */
  AWAY,
  /**
   * The account's dm stream (§18.5): every {@code dm} of the account carries its {@code seq} and
   * {@code epoch} in that stream, and {@code dms{since, epoch}} replays what a session missed.
   * Without it: dms without {@code seq}/{@code epoch}, and a {@code dms} command is refused with
   * {@code bad_request}. Guests have no stream.
   */
  DMSTREAM,
  /**
   * The roles of the members listed (§17.1) in {@code joined} and {@code members}:
   * {@code roles: {nick: role}} for each listed member whose role is above {@code member}. Without
   * it: the nicks alone. (The IRC listener asks for it: it shows roles as {@code @} and {@code +}.)
   */
  ROLES;

  /** Most entries a {@code hello{caps}} may list. */
  public static final int MAX_ASKED = 32;
  /** Longest capability name a {@code hello{caps}} may hold. */
  public static final int MAX_NAME_LENGTH = 32;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The name on the wire, e.g. {@code "events"}. */
  public String wireName() {
    return wireName;
  }

  /** The capability named {@code wireName}, or {@code null} when this version does not know it. */
  public static Capability fromWire(String wireName) {
    return WireNames.find(values(), Capability::wireName, wireName);
  }

  /** The known capabilities among {@code asked} (unknown names dropped); empty for {@code null}. */
  public static Set<Capability> known(Collection<String> asked) {
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    if (asked != null) {
      for (String name : asked) {
        Capability cap = fromWire(name);
        if (cap != null) {
          caps.add(cap);
        }
      }
    }
    return caps;
  }

  /** The wire names of {@code caps}, in declaration order. */
  public static List<String> wireNames(Set<Capability> caps) {
    return caps.stream().sorted().map(Capability::wireName).toList();
  }
}
