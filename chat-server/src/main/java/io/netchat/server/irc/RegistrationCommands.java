package io.netchat.server.irc;

import io.netchat.codec.ChatCodecException;
import io.netchat.codec.IrcMessage;
import io.netchat.codec.Validation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Registration: {@code PASS}, {@code NICK} (before {@code 001}), {@code USER}, {@code CAP} (LS,
 * REQ, END, LIST; registration waits while negotiation is open) and {@code AUTHENTICATE PLAIN}
 * against netchat's accounts (PROTOCOL §15). {@code PASS} with no SASL is the password of the
 * account named by {@code NICK}.
 */
final class RegistrationCommands implements IrcCommands.Group {
  /** Longest AUTHENTICATE payload: an account name, a password and two separators, base64. */
  private static final int MAX_SASL = 4 * (Validation.MAX_PASSWORD_LENGTH * 3 + 2 * 32 + 2 + 2) / 3 + 4;
  private static final int SASL_CHUNK = 400;

  @Override
  public void addTo(IrcCommands table) {
    table.add("PASS", 1, true, RegistrationCommands::pass)
        .add("NICK", 0, true, RegistrationCommands::nick)
        .add("USER", 4, true, RegistrationCommands::user)
        .add("CAP", 1, true, RegistrationCommands::cap)
        .add("AUTHENTICATE", 1, true, RegistrationCommands::authenticate);
  }

  private static void pass(IrcConnection irc, IrcMessage line) {
    if (irc.registered()) {
      irc.reply(IrcNumeric.ERR_ALREADYREGISTERED, "You may not reregister");
      return;
    }
    irc.password(line.param(0));
  }

  private static void nick(IrcConnection irc, IrcMessage line) {
    String wanted = line.param(0);
    if (wanted == null || wanted.isEmpty()) {
      irc.reply(IrcNumeric.ERR_NONICKNAMEGIVEN, "No nickname given");
      return;
    }
    if (irc.registered()) {
      irc.reply(IrcNumeric.ERR_UNKNOWNCOMMAND, "NICK", "Nick changes after registration are not supported");
      return;
    }
    try {
      Validation.requireNick("nick", wanted);
    } catch (ChatCodecException e) {
      irc.reply(IrcNumeric.ERR_ERRONEUSNICKNAME, wanted, "Erroneous nickname");
      return;
    }
    irc.requestNick(wanted);
    irc.tryRegister();
  }

  private static void user(IrcConnection irc, IrcMessage line) {
    if (irc.registered() || irc.hasUser()) {
      irc.reply(IrcNumeric.ERR_ALREADYREGISTERED, "You may not reregister");
      return;
    }
    irc.user(line.param(0));
    irc.tryRegister();
  }

  private static void cap(IrcConnection irc, IrcMessage line) {
    String sub = line.param(0).toUpperCase(java.util.Locale.ROOT);
    switch (sub) {
      case "LS" -> {
        if (!irc.registered()) {
          irc.capNegotiating(true);
        }
        int version = 0;
        try {
          version = line.param(1) == null ? 0 : Integer.parseInt(line.param(1));
        } catch (NumberFormatException e) {
          version = 0;
        }
        irc.capVersion(version);
        irc.send(capLine(irc, "LS", IrcCaps.list(irc.capVersion())));
      }
      case "LIST" -> irc.send(capLine(irc, "LIST", String.join(" ", irc.caps())));
      case "REQ" -> {
        if (!irc.registered()) {
          irc.capNegotiating(true);
        }
        String asked = line.param(1) == null ? "" : line.param(1).trim();
        irc.send(capLine(irc, request(irc, asked) ? "ACK" : "NAK", asked));
      }
      case "END" -> {
        irc.capNegotiating(false);
        irc.tryRegister();
      }
      default -> irc.reply(IrcNumeric.ERR_INVALIDCAPCMD, line.param(0), "Invalid CAP command");
    }
  }

  /** Applies {@code asked} all or nothing; false (NAK) when it names a capability not offered. */
  private static boolean request(IrcConnection irc, String asked) {
    List<String> add = new ArrayList<>();
    List<String> remove = new ArrayList<>();
    for (String each : asked.split(" +")) {
      if (each.isEmpty()) {
        continue;
      }
      boolean off = each.startsWith("-");
      String name = off ? each.substring(1) : each;
      if (!IrcCaps.OFFERED.containsKey(name)) {
        return false;
      }
      (off ? remove : add).add(name);
    }
    if (add.isEmpty() && remove.isEmpty()) {
      return false;
    }
    irc.caps().removeAll(remove);
    irc.caps().addAll(add);
    irc.capsChanged();
    return true;
  }

  private static IrcMessage capLine(IrcConnection irc, String sub, String text) {
    return IrcMessage.of(irc.info().server(), "CAP", irc.nick(), sub, text);
  }

  private static void authenticate(IrcConnection irc, IrcMessage line) {
    String arg = line.param(0);
    if (irc.loggedIn() || irc.registered()) {
      irc.reply(IrcNumeric.ERR_SASLALREADY, "You have already authenticated using SASL");
      return;
    }
    if (arg.equals("*")) {
      irc.sasl(IrcConnection.Sasl.NONE);
      irc.saslBuffer().setLength(0);
      irc.reply(IrcNumeric.ERR_SASLABORTED, "SASL authentication aborted");
      return;
    }
    switch (irc.sasl()) {
      case NONE -> {
        if (!irc.has(IrcCaps.SASL) || !arg.equalsIgnoreCase("PLAIN")) {
          if (irc.has(IrcCaps.SASL)) {
            irc.reply(IrcNumeric.RPL_SASLMECHS, "PLAIN", "are available SASL mechanisms");
          }
          irc.reply(IrcNumeric.ERR_SASLFAIL, "SASL authentication failed");
          return;
        }
        irc.sasl(IrcConnection.Sasl.STARTED);
        irc.saslBuffer().setLength(0);
        irc.send(IrcMessage.of(null, "AUTHENTICATE", "+"));
      }
      case STARTED -> {
        if (!arg.equals("+")) {
          irc.saslBuffer().append(arg);
        }
        if (irc.saslBuffer().length() > MAX_SASL) {
          irc.sasl(IrcConnection.Sasl.NONE);
          irc.saslBuffer().setLength(0);
          irc.reply(IrcNumeric.ERR_SASLTOOLONG, "SASL message too long");
          return;
        }
        if (arg.length() == SASL_CHUNK) {
          return; // more follows
        }
        plain(irc);
      }
      default -> irc.reply(IrcNumeric.ERR_SASLFAIL, "SASL authentication failed");
    }
  }

  /** {@code authzid NUL authcid NUL password}: logs in to the account {@code authcid} with netchat's hello. */
  private static void plain(IrcConnection irc) {
    String payload = irc.saslBuffer().toString();
    irc.saslBuffer().setLength(0);
    String[] parts;
    try {
      parts = new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8).split("\0", -1);
    } catch (IllegalArgumentException e) {
      parts = new String[0];
    }
    if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()
        || (!parts[0].isEmpty() && !parts[0].equals(parts[1]))) {
      irc.sasl(IrcConnection.Sasl.NONE);
      irc.reply(IrcNumeric.ERR_SASLFAIL, "SASL authentication failed");
      return;
    }
    try {
      Validation.requireNick("nick", parts[1]);
      Validation.checkPassword("password", parts[2]);
    } catch (ChatCodecException e) {
      irc.sasl(IrcConnection.Sasl.NONE);
      irc.reply(IrcNumeric.ERR_SASLFAIL, "SASL authentication failed");
      return;
    }
    irc.saslHello(parts[1], parts[2]);
  }
}
