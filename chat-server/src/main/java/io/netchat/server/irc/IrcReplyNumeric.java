package io.netchat.server.irc;

/**
 * The numerics of MODE, INVITE, WHO, WHOIS, AWAY, ISON, USERHOST and LIST (RFC 1459, RFC 2812,
 * names and parameters as on modern.ircdocs.horse); the others are {@link IrcNumeric}'s.
 */
final class IrcReplyNumeric {
  static final String RPL_UMODEIS = "221";
  static final String RPL_AWAY = "301";
  static final String RPL_USERHOST = "302";
  static final String RPL_ISON = "303";
  static final String RPL_UNAWAY = "305";
  static final String RPL_NOWAWAY = "306";
  static final String RPL_WHOISUSER = "311";
  static final String RPL_WHOISSERVER = "312";
  static final String RPL_ENDOFWHO = "315";
  static final String RPL_WHOISIDLE = "317";
  static final String RPL_ENDOFWHOIS = "318";
  static final String RPL_WHOISCHANNELS = "319";
  static final String RPL_LISTSTART = "321";
  static final String RPL_LIST = "322";
  static final String RPL_LISTEND = "323";
  static final String RPL_CHANNELMODEIS = "324";
  static final String RPL_WHOISACCOUNT = "330";
  static final String RPL_INVITING = "341";
  static final String RPL_WHOREPLY = "352";
  static final String RPL_BANLIST = "367";
  static final String RPL_ENDOFBANLIST = "368";
  static final String RPL_WHOISSECURE = "671";
  static final String ERR_USERONCHANNEL = "443";
  static final String ERR_UNKNOWNMODE = "472";
  static final String ERR_BANLISTFULL = "478";
  static final String ERR_UMODEUNKNOWNFLAG = "501";
  static final String ERR_USERSDONTMATCH = "502";
  static final String ERR_INVALIDMODEPARAM = "696";

  private IrcReplyNumeric() {}
}
