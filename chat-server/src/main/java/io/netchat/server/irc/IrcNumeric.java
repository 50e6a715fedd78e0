package io.netchat.server.irc;

/** The numerics the listener sends (RFC 1459, RFC 2812, IRCv3; names as on modern.ircdocs.horse). */
public final class IrcNumeric {
  public static final String RPL_WELCOME = "001";
  public static final String RPL_YOURHOST = "002";
  public static final String RPL_CREATED = "003";
  public static final String RPL_MYINFO = "004";
  public static final String RPL_ISUPPORT = "005";
  public static final String RPL_LUSERCLIENT = "251";
  public static final String RPL_LUSEROP = "252";
  public static final String RPL_LUSERUNKNOWN = "253";
  public static final String RPL_LUSERCHANNELS = "254";
  public static final String RPL_LUSERME = "255";
  public static final String RPL_NOTOPIC = "331";
  public static final String RPL_TOPIC = "332";
  public static final String RPL_NAMREPLY = "353";
  public static final String RPL_ENDOFNAMES = "366";
  public static final String RPL_MOTD = "372";
  public static final String RPL_MOTDSTART = "375";
  public static final String RPL_ENDOFMOTD = "376";
  public static final String ERR_NOSUCHNICK = "401";
  public static final String ERR_NOSUCHCHANNEL = "403";
  public static final String ERR_CANNOTSENDTOCHAN = "404";
  public static final String ERR_TOOMANYCHANNELS = "405";
  public static final String ERR_TOOMANYTARGETS = "407";
  public static final String ERR_NOORIGIN = "409";
  public static final String ERR_INVALIDCAPCMD = "410";
  public static final String ERR_NORECIPIENT = "411";
  public static final String ERR_NOTEXTTOSEND = "412";
  public static final String ERR_INPUTTOOLONG = "417";
  public static final String ERR_UNKNOWNCOMMAND = "421";
  public static final String ERR_NOMOTD = "422";
  public static final String ERR_NONICKNAMEGIVEN = "431";
  public static final String ERR_ERRONEUSNICKNAME = "432";
  public static final String ERR_NICKNAMEINUSE = "433";
  public static final String ERR_USERNOTINCHANNEL = "441";
  public static final String ERR_NOTONCHANNEL = "442";
  public static final String ERR_NOTREGISTERED = "451";
  public static final String ERR_NEEDMOREPARAMS = "461";
  public static final String ERR_ALREADYREGISTERED = "462";
  public static final String ERR_PASSWDMISMATCH = "464";
  public static final String ERR_YOUREBANNEDCREEP = "465";
  public static final String ERR_CHANNELISFULL = "471";
  public static final String ERR_INVITEONLYCHAN = "473";
  public static final String ERR_BANNEDFROMCHAN = "474";
  public static final String ERR_BADCHANNELKEY = "475";
  public static final String ERR_CHANOPRIVSNEEDED = "482";
  public static final String RPL_LOGGEDIN = "900";
  public static final String RPL_SASLSUCCESS = "903";
  public static final String ERR_SASLFAIL = "904";
  public static final String ERR_SASLTOOLONG = "905";
  public static final String ERR_SASLABORTED = "906";
  public static final String ERR_SASLALREADY = "907";
  public static final String RPL_SASLMECHS = "908";

  private IrcNumeric() {}
}
