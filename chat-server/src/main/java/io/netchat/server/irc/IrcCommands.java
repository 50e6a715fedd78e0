package io.netchat.server.irc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table of the IRC commands the listener knows: each command group (a small class, e.g.
 * {@link ChannelCommands}) adds its verbs in {@link Group#addTo}. A verb missing here is answered
 * {@code 421 ERR_UNKNOWNCOMMAND}; too few parameters {@code 461}; a command that needs
 * registration, sent before it, {@code 451}.
 */
public final class IrcCommands {
  /** A group of commands that belong together. */
  public interface Group {
    void addTo(IrcCommands table);
  }

  /**
   * @param minParams parameters the command needs ({@code 461} with fewer)
   * @param beforeRegistration whether it may be sent before {@code 001}
   */
  record Entry(IrcCommand command, int minParams, boolean beforeRegistration) {}

  /** The groups of this listener version. */
  static final List<Group> GROUPS = List.of(new RegistrationCommands(), new ConnectionCommands(),
      new ChannelCommands(), new MessageCommands());

  private final Map<String, Entry> entries = new HashMap<>();

  /** The table of every group in {@link #GROUPS}. */
  public static IrcCommands standard() {
    IrcCommands table = new IrcCommands();
    GROUPS.forEach(group -> group.addTo(table));
    return table;
  }

  /** Adds {@code verb}, which needs registration first. */
  public IrcCommands add(String verb, int minParams, IrcCommand command) {
    return add(verb, minParams, false, command);
  }

  /** Adds {@code verb}; {@code beforeRegistration}: it may be sent before {@code 001}. */
  public IrcCommands add(String verb, int minParams, boolean beforeRegistration, IrcCommand command) {
    if (entries.putIfAbsent(verb, new Entry(command, minParams, beforeRegistration)) != null) {
      throw new IllegalStateException("two IRC commands named " + verb);
    }
    return this;
  }

  Entry find(String verb) {
    return entries.get(verb);
  }
}
