package io.netchat.server.room;

import java.util.Locale;

/**
 * A member's standing in a room (§17), lowest first: a plain {@code member}, {@code voice} (may
 * speak in a moderated room), {@code op} (moderates) and {@code owner} (the creator, or the admin
 * who took the room over). One role per member.
 */
public enum RoomRole {
  MEMBER,
  VOICE,
  OP,
  OWNER;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The role's name on the wire and in the store, e.g. {@code "op"}. */
  public String wireName() {
    return wireName;
  }

  /** Whether this role is {@code other} or above it. */
  public boolean atLeast(RoomRole other) {
    return compareTo(other) >= 0;
  }

  /** The role named {@code wireName}; {@link IllegalArgumentException} when there is none. */
  public static RoomRole fromWire(String wireName) {
    for (RoomRole role : values()) {
      if (role.wireName.equals(wireName)) {
        return role;
      }
    }
    throw new IllegalArgumentException("no role '" + wireName + "'");
  }
}
