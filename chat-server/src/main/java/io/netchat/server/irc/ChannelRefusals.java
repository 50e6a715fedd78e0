package io.netchat.server.irc;

import io.netchat.codec.ErrorCode;
import io.netchat.codec.IrcMessage;
import io.netchat.codec.ServerMessage;
import java.util.List;

/** The numerics of the refusals every channel command shares: 403, 442 and 482. */
final class ChannelRefusals {
  private ChannelRefusals() {}

  /** The numeric of {@code error} about {@code channel}, or null when it is none of the shared ones. */
  static List<IrcMessage> of(IrcConnection irc, ServerMessage.Error error, String channel) {
    ErrorCode code = error.errorCode();
    if (code == null) {
      return null;
    }
    return switch (code) {
      case NO_SUCH_ROOM -> List.of(irc.numericLine(IrcNumeric.ERR_NOSUCHCHANNEL, channel, "No such channel"));
      case NOT_JOINED -> List.of(irc.numericLine(IrcNumeric.ERR_NOTONCHANNEL, channel, "You're not on that channel"));
      case FORBIDDEN -> List.of(irc.numericLine(IrcNumeric.ERR_CHANOPRIVSNEEDED, channel,
          "You're not channel operator"));
      default -> null;
    };
  }
}
