package io.netchat.server.irc;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.IrcMessage;
import java.util.List;

/**
 * Channels: {@code JOIN} (several, with keys; {@code JOIN 0} parts every channel), {@code PART}
 * (several, with a reason), {@code TOPIC} (read or set), {@code NAMES} and {@code KICK}, each
 * channel {@code #room} being netchat's room {@code room}.
 */
final class ChannelCommands implements IrcCommands.Group {
  @Override
  public void addTo(IrcCommands table) {
    table.add("JOIN", 1, ChannelCommands::join)
        .add("PART", 1, ChannelCommands::part)
        .add("TOPIC", 1, ChannelCommands::topic)
        .add("NAMES", 0, ChannelCommands::names)
        .add("KICK", 2, ChannelCommands::kick);
  }

  private static void join(IrcConnection irc, IrcMessage line) {
    if (line.param(0).equals("0")) {
      for (String channel : irc.channels()) {
        String room = IrcNames.room(channel);
        irc.dispatch(new IrcConnection.Pending("PART", channel, null, true), id -> new ClientMessage.Leave(id, room));
      }
      return;
    }
    List<String> channels = List.of(line.param(0).split(","));
    String[] keys = line.param(1) == null ? new String[0] : line.param(1).split(",");
    for (int i = 0; i < channels.size(); i++) {
      String channel = channels.get(i);
      String room = IrcNames.room(channel);
      if (room == null) {
        irc.reply(IrcNumeric.ERR_NOSUCHCHANNEL, channel, "No such channel");
        continue;
      }
      String key = i < keys.length && !keys[i].isEmpty() ? keys[i] : null;
      irc.dispatch(new IrcConnection.Pending("JOIN", channel, null, false),
          id -> new ClientMessage.Join(id, room, null, null, key));
    }
  }

  private static void part(IrcConnection irc, IrcMessage line) {
    String reason = line.param(1) == null ? null : IrcText.strip(line.param(1));
    for (String channel : line.param(0).split(",")) {
      String room = IrcNames.room(channel);
      if (room == null) {
        irc.reply(IrcNumeric.ERR_NOSUCHCHANNEL, channel, "No such channel");
        continue;
      }
      irc.dispatch(new IrcConnection.Pending("PART", channel, reason == null || reason.isEmpty() ? null : reason,
          false), id -> new ClientMessage.Leave(id, room));
    }
  }

  private static void topic(IrcConnection irc, IrcMessage line) {
    String channel = line.param(0);
    String room = IrcNames.room(channel);
    if (room == null) {
      irc.reply(IrcNumeric.ERR_NOSUCHCHANNEL, channel, "No such channel");
      return;
    }
    String text = line.param(1) == null ? null : IrcText.strip(line.param(1));
    irc.dispatch(new IrcConnection.Pending("TOPIC", channel, null, false),
        id -> new ClientMessage.Topic(id, room, text));
  }

  private static void names(IrcConnection irc, IrcMessage line) {
    if (line.params().isEmpty()) {
      irc.reply(IrcNumeric.RPL_ENDOFNAMES, "*", "End of /NAMES list.");
      return;
    }
    String channel = line.param(0).split(",")[0];
    String room = IrcNames.room(channel);
    if (room == null) {
      irc.reply(IrcNumeric.RPL_ENDOFNAMES, channel, "End of /NAMES list.");
      return;
    }
    irc.dispatch(new IrcConnection.Pending("NAMES", channel, null, false),
        id -> new ClientMessage.Who(id, room, null, null));
  }

  private static void kick(IrcConnection irc, IrcMessage line) {
    String channel = line.param(0);
    String room = IrcNames.room(channel);
    if (room == null) {
      irc.reply(IrcNumeric.ERR_NOSUCHCHANNEL, channel, "No such channel");
      return;
    }
    String reason = line.param(2) == null ? null : IrcText.strip(line.param(2));
    for (String nick : line.param(1).split(",")) {
      irc.dispatch(new IrcConnection.Pending("KICK", channel, nick, false), id -> new ClientMessage.Kick(id, room,
          nick, reason == null || reason.isEmpty() ? null : reason));
    }
  }
}
