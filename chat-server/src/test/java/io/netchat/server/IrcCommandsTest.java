package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.ServerConfig;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each IRC command's happy path and numerics, on embedded channels: registration (NICK, USER,
 * PASS, CAP), JOIN/PART/TOPIC/NAMES/KICK, PRIVMSG/NOTICE, PING, QUIT, and what a bad line gets.
 */
class IrcCommandsTest {
  private final IrcEmbedded server = new IrcEmbedded(TestServers.config(TestServers.loopback("length", "json")));

  @AfterEach
  void finish() {
    server.finish();
  }

  @Test
  void registrationEndsWithTheWelcomeBurstAndATruthfulIsupport() {
    IrcEmbedded.Irc irc = server.irc();
    irc.type("NICK ann", "USER ann 0 * :Ann A.");
    List<String> lines = irc.lines();
    assertThat(lines.get(0)).isEqualTo(":netchat 001 ann :Welcome to the netchat IRC network, ann!~ann@netchat");
    assertThat(lines.get(1)).isEqualTo(":netchat 002 ann :Your host is netchat, running version netchat-test");
    assertThat(lines.get(2)).isEqualTo(":netchat 003 ann :This server was created 2026-11-25 12:00:00 UTC");
    assertThat(lines.get(3)).isEqualTo(":netchat 004 ann netchat netchat-test i biklmostv bklov");
    assertThat(lines.get(4)).startsWith(":netchat 005 ann CASEMAPPING=ascii CHANLIMIT=#:50 CHANMODES=b,k,l,imst"
        + " CHANNELLEN=65 CHANTYPES=# MAXTARGETS=4 NETWORK=netchat NICKLEN=32 PREFIX=(ov)@+").endsWith(
        " :are supported by this server");
    assertThat(lines).contains(":netchat 251 ann :There are 1 users and 0 invisible on 1 servers",
        ":netchat 254 ann 0 :channels formed", ":netchat 255 ann :I have 1 clients and 0 servers",
        ":netchat 422 ann :MOTD File is missing");
    assertThat(lines.get(lines.size() - 1)).isEqualTo(":netchat 422 ann :MOTD File is missing");
  }

  @Test
  void nickNumerics() {
    server.json("taken");
    IrcEmbedded.Irc irc = server.irc();
    irc.type("NICK");
    assertThat(irc.lines()).containsExactly(":netchat 431 * :No nickname given");
    irc.type("NICK 9lives");
    assertThat(irc.lines()).containsExactly(":netchat 432 * 9lives :Erroneous nickname");
    irc.type("NICK TAKEN", "USER x 0 * :x");
    assertThat(irc.lines()).containsExactly(":netchat 433 * TAKEN :Nickname is already in use");
    irc.type("NICK free");
    assertThat(irc.lines().get(0)).startsWith(":netchat 001 free ");
    irc.type("USER again 0 * :x");
    assertThat(irc.lines()).containsExactly(":netchat 462 free :You may not reregister");
    irc.type("PASS secret");
    assertThat(irc.lines()).containsExactly(":netchat 462 free :You may not reregister");
  }

  @Test
  void commandsBeforeRegistrationGet451AndUnknownOnes421() {
    IrcEmbedded.Irc irc = server.irc();
    irc.type("JOIN #lobby", "FROB x");
    assertThat(irc.lines()).containsExactly(":netchat 451 * :You have not registered",
        ":netchat 421 * FROB :Unknown command");
    irc.type("USER a");
    assertThat(irc.lines()).containsExactly(":netchat 461 * USER :Not enough parameters");
  }

  @Test
  void capNegotiationHoldsRegistrationUntilCapEnd() {
    IrcEmbedded.Irc irc = server.irc();
    irc.type("CAP LS 302", "NICK ann", "USER ann 0 * :Ann");
    assertThat(irc.lines()).containsExactly(
        ":netchat CAP * LS :cap-notify echo-message message-tags sasl=PLAIN server-time");
    irc.type("CAP REQ :server-time echo-message", "CAP REQ :server-time unknown-cap", "CAP LIST");
    assertThat(irc.lines()).containsExactly(":netchat CAP * ACK :server-time echo-message",
        ":netchat CAP * NAK :server-time unknown-cap", ":netchat CAP * LIST :server-time echo-message");
    irc.type("CAP END");
    assertThat(irc.lines().get(0)).startsWith(":netchat 001 ann ");
    irc.type("CAP BOGUS");
    assertThat(irc.lines()).containsExactly(":netchat 410 ann BOGUS :Invalid CAP command");
  }

  @Test
  void joinPartTopicAndNamesAsServersSendThem() {
    IrcEmbedded.Irc ann = server.registered("ann");
    IrcEmbedded.Irc bob = server.registered("bob");
    ann.type("JOIN #lobby,#other");
    assertThat(ann.lines()).containsExactly(":ann!~ann@netchat JOIN #lobby", ":netchat 353 ann = #lobby :ann",
        ":netchat 366 ann #lobby :End of /NAMES list.", ":ann!~ann@netchat JOIN #other",
        ":netchat 353 ann = #other :ann", ":netchat 366 ann #other :End of /NAMES list.");
    ann.type("TOPIC #lobby :the \u0002topic\u0002");
    assertThat(ann.lines()).containsExactly(":ann!~ann@netchat TOPIC #lobby :the topic");
    bob.type("JOIN #lobby");
    assertThat(bob.lines()).containsExactly(":bob!~bob@netchat JOIN #lobby", ":netchat 332 bob #lobby :the topic",
        ":netchat 353 bob = #lobby :ann bob", ":netchat 366 bob #lobby :End of /NAMES list.");
    assertThat(ann.lines()).containsExactly(":bob!~bob@netchat JOIN #lobby");
    bob.type("TOPIC #lobby", "NAMES #lobby");
    assertThat(bob.lines()).containsExactly(":netchat 332 bob #lobby :the topic",
        ":netchat 353 bob = #lobby :ann bob", ":netchat 366 bob #lobby :End of /NAMES list.");
    bob.type("PART #lobby :see you");
    assertThat(bob.lines()).containsExactly(":bob!~bob@netchat PART #lobby :see you");
    assertThat(ann.lines()).containsExactly(":bob!~bob@netchat PART #lobby");
    ann.type("JOIN 0");
    assertThat(ann.lines()).containsExactly(":ann!~ann@netchat PART #lobby", ":ann!~ann@netchat PART #other");
  }

  @Test
  void channelNumerics() {
    IrcEmbedded.Irc ann = server.registered("ann");
    IrcEmbedded.Irc bob = server.registered("bob");
    ann.type("JOIN #lobby");
    ann.lines();
    bob.type("JOIN &local", "JOIN #bad!name", "PART #lobby", "TOPIC #lobby :x", "PRIVMSG #lobby :hi",
        "KICK #lobby ann", "PART", "PRIVMSG #nowhere :hi");
    assertThat(bob.lines()).containsExactly(":netchat 403 bob &local :No such channel",
        ":netchat 403 bob #bad!name :No such channel", ":netchat 442 bob #lobby :You're not on that channel",
        ":netchat 442 bob #lobby :You're not on that channel", ":netchat 404 bob #lobby :Cannot send to channel",
        ":netchat 442 bob #lobby :You're not on that channel", ":netchat 461 bob PART :Not enough parameters",
        ":netchat 404 bob #nowhere :Cannot send to channel"); // netchat answers a missing room as one not joined
    bob.type("JOIN #lobby", "KICK #lobby ann :no");
    assertThat(bob.lines()).endsWith(":netchat 482 bob #lobby :You're not channel operator");
  }

  @Test
  void privmsgToAChannelAndToANickAndNoticeNeverGetsAnError() {
    IrcEmbedded.Irc ann = server.registered("ann");
    IrcEmbedded.Json bob = server.json("bob");
    ann.type("JOIN #lobby");
    ann.lines();
    bob.send(new ClientMessage.Join(null, "lobby", null));
    bob.received();
    ann.lines();
    ann.type("PRIVMSG #lobby :\u0001ACTION waves\u0001", "PRIVMSG bob :psst", "PRIVMSG nobody :x", "NOTICE nobody :x",
        "NOTICE #nowhere :x", "PRIVMSG", "PRIVMSG #lobby", "PRIVMSG #lobby :\u0002\u0002");
    assertThat(ann.lines()).containsExactly(":netchat 401 ann nobody :No such nick/channel",
        ":netchat 411 ann :No recipient given (PRIVMSG)", ":netchat 412 ann :No text to send",
        ":netchat 412 ann :No text to send");
    List<ServerMessage> got = bob.received();
    assertThat(got).filteredOn(ServerMessage.Message.class::isInstance).singleElement()
        .isInstanceOfSatisfying(ServerMessage.Message.class, m -> {
          assertThat(m.text()).isEqualTo("waves");
          assertThat(m.hasAction()).isTrue();
        });
    assertThat(got).filteredOn(ServerMessage.Dm.class::isInstance).singleElement()
        .isInstanceOfSatisfying(ServerMessage.Dm.class, d -> assertThat(d.text()).isEqualTo("psst"));
    bob.send(new ClientMessage.Say(null, "lobby", "line one\nline two"));
    bob.send(new ClientMessage.Dm(null, "ann", "back"));
    assertThat(ann.lines()).containsExactly(":bob!~bob@netchat PRIVMSG #lobby :line one",
        ":bob!~bob@netchat PRIVMSG #lobby :line two", ":bob!~bob@netchat PRIVMSG ann :back");
  }

  @Test
  void aKickReachesEveryoneAsKick() {
    IrcEmbedded.Irc ann = server.registered("ann");
    IrcEmbedded.Irc bob = server.registered("bob");
    ann.type("JOIN #lobby");
    bob.type("JOIN #lobby");
    ann.lines();
    bob.lines();
    ann.type("KICK #lobby bob :out", "KICK #lobby nobody");
    assertThat(ann.lines()).containsExactly(":ann!~ann@netchat KICK #lobby bob :out",
        ":netchat 441 ann nobody #lobby :They aren't on that channel");
    assertThat(bob.lines()).containsExactly(":ann!~ann@netchat KICK #lobby bob :out");
  }

  @Test
  void pingIsAnsweredAndQuitSaysErrorThenCloses() {
    IrcEmbedded.Irc ann = server.registered("ann");
    IrcEmbedded.Irc bob = server.registered("bob");
    ann.type("JOIN #lobby");
    bob.type("JOIN #lobby");
    ann.lines();
    bob.lines();
    bob.type("PING :tok en", "PING");
    assertThat(bob.lines()).containsExactly(":netchat PONG netchat :tok en", ":netchat 409 bob :No origin specified");
    bob.type("QUIT :gone fishing");
    assertThat(bob.lines()).containsExactly("ERROR :Closing link (Quit: gone fishing)");
    assertThat(bob.open()).isFalse();
    assertThat(ann.lines()).containsExactly(":bob!~bob@netchat QUIT :Quit: gone fishing");
  }

  @Test
  void anOverLongLineGets417AndTheConnectionLivesOn() {
    IrcEmbedded.Irc ann = server.registered("ann");
    ann.type("PRIVMSG #lobby :" + "x".repeat(600), "PING :still here");
    assertThat(ann.lines()).containsExactly(":netchat 417 ann :Input line was too long",
        ":netchat PONG netchat :still here");
    assertThat(ann.open()).isTrue();
  }

  @Test
  void invalidUtf8NeverClosesTheConnection() {
    IrcEmbedded.Irc ann = server.registered("ann");
    IrcEmbedded.Irc bob = server.registered("bob");
    ann.type("JOIN #lobby");
    bob.type("JOIN #lobby");
    ann.lines();
    bob.lines();
    ann.raw(new byte[] {'P', 'R', 'I', 'V', 'M', 'S', 'G', ' ', '#', 'l', 'o', 'b', 'b', 'y', ' ', ':', 'a',
        (byte) 0xFF, 'b', '\r', '\n'});
    assertThat(bob.lines()).containsExactly(":ann!~ann@netchat PRIVMSG #lobby :a\uFFFDb");
    assertThat(ann.open()).isTrue();
  }

  @Test
  void aBroadcastIsEncodedOncePerTagCombinationInUseAndCapReqAfterRegistrationMovesTheMember() {
    IrcEmbedded.Irc plain1 = server.registered("plain1");
    IrcEmbedded.Irc plain2 = server.registered("plain2");
    IrcEmbedded.Irc tagged1 = server.irc();
    tagged1.type("CAP LS 302", "CAP REQ :server-time message-tags", "NICK tagged1", "USER t 0 * :t", "CAP END");
    IrcEmbedded.Irc tagged2 = server.irc();
    tagged2.type("CAP REQ :message-tags server-time", "NICK tagged2", "USER t 0 * :t", "CAP END");
    IrcEmbedded.Irc later = server.registered("later");
    IrcEmbedded.Json json = server.json("json");
    for (IrcEmbedded.Irc irc : List.of(plain1, plain2, tagged1, tagged2, later)) {
      irc.type("JOIN #lobby");
    }
    later.type("CAP REQ server-time");
    json.send(new ClientMessage.Join(null, "lobby", null));
    json.received();
    for (IrcEmbedded.Irc irc : List.of(plain1, plain2, tagged1, tagged2, later)) {
      irc.lines();
    }
    int[] before = counts();

    json.send(new ClientMessage.Say(null, "lobby", "hello all"));

    String msgid = ((ServerMessage.Message) json.received().stream().filter(ServerMessage.Message.class::isInstance)
        .findFirst().orElseThrow()).msgid();
    assertThat(plain1.lines()).containsExactly(":json!~json@netchat PRIVMSG #lobby :hello all");
    assertThat(plain2.lines()).containsExactly(":json!~json@netchat PRIVMSG #lobby :hello all");
    String both = "@msgid=" + msgid + ";time=2026-11-25T12:00:00.000Z :json!~json@netchat PRIVMSG #lobby :hello all";
    assertThat(tagged1.lines()).containsExactly(both);
    assertThat(tagged2.lines()).containsExactly(both);
    assertThat(later.lines()).containsExactly("@time=2026-11-25T12:00:00.000Z :json!~json@netchat PRIVMSG #lobby "
        + ":hello all");
    int[] after = counts();
    int variants = server.formats.variantsFrom();
    assertThat(after[0] - before[0]).as("json").isEqualTo(1);
    assertThat(after[1] - before[1]).as("irc, no tags: two members, one encode").isEqualTo(1);
    assertThat(after[variants] - before[variants]).as("irc, time").isEqualTo(1);
    assertThat(after[variants + 1] - before[variants + 1]).as("irc, msgid: no member").isZero();
    assertThat(after[variants + 2] - before[variants + 2]).as("irc, both: two members, one encode").isEqualTo(1);
  }

  @Test
  void echoMessageSendsTheSenderItsOwnMessageWithItsMsgid() {
    IrcEmbedded.Irc ann = server.irc();
    ann.type("CAP REQ :echo-message message-tags", "NICK ann", "USER a 0 * :a", "CAP END", "JOIN #lobby");
    IrcEmbedded.Irc bob = server.registered("bob");
    bob.type("JOIN #lobby");
    ann.lines();
    bob.lines();
    ann.type("PRIVMSG #lobby :mine", "PRIVMSG bob :direct");
    List<String> echoed = ann.lines();
    assertThat(echoed).hasSize(2);
    assertThat(echoed.get(0)).matches("@msgid=\\S+ :ann!~ann@netchat PRIVMSG #lobby :mine");
    assertThat(echoed.get(1)).matches("@msgid=\\S+ :ann!~ann@netchat PRIVMSG bob :direct");
    assertThat(bob.lines()).containsExactly(":ann!~ann@netchat PRIVMSG #lobby :mine",
        ":ann!~ann@netchat PRIVMSG bob :direct");
    bob.type("PRIVMSG #lobby :theirs");
    assertThat(bob.lines()).isEmpty(); // no echo-message: no echo
  }

  @Test
  void namesLongerThanAPageComeInSeveralPagesAndEndWithOne366() {
    IrcEmbedded paged = new IrcEmbedded(TestServers.config(TestServers.loopback("length", "json"))
        .withLimits(io.netchat.server.config.LimitsConfig.builder().maxListPage(2).build()));
    try {
      for (String nick : List.of("m1", "m2", "m3")) {
        paged.registered(nick).type("JOIN #big");
      }
      IrcEmbedded.Irc last = paged.registered("m4");
      last.type("JOIN #big");
      assertThat(last.lines()).containsExactly(":m4!~m4@netchat JOIN #big", ":netchat 353 m4 = #big :m1 m2",
          ":netchat 353 m4 = #big :m3 m4", ":netchat 366 m4 #big :End of /NAMES list.");
      last.type("NAMES #big");
      assertThat(last.lines()).containsExactly(":netchat 353 m4 = #big :m1 m2", ":netchat 353 m4 = #big :m3 m4",
          ":netchat 366 m4 #big :End of /NAMES list.");
    } finally {
      paged.finish();
    }
  }

  @Test
  void aNetchatNickChangeIsOneNickLineAndAV1ClientInTheRoomSeesOnlyV1Messages() {
    IrcEmbedded.Irc ann = server.registered("ann");
    IrcEmbedded.Json bob = server.json("bob");
    IrcEmbedded.Json carl = server.json("carl");
    ann.type("JOIN #lobby");
    bob.send(new ClientMessage.Join(null, "lobby", null));
    carl.send(new ClientMessage.Join(null, "lobby", null));
    ann.lines();
    bob.received();
    carl.received();

    bob.send(new ClientMessage.Nick(null, "bobby"));
    assertThat(ann.lines()).containsExactly(":bob!~bob@netchat NICK bobby");

    carl.received();
    ann.type("PRIVMSG #lobby :hi", "TOPIC #lobby :t", "PART #lobby :bye");
    List<ServerMessage> seen = carl.received();
    String msgid = ((ServerMessage.Message) seen.get(0)).msgid(); // every member's copy: encoded once for all
    assertThat(seen).containsExactly(new ServerMessage.Message("lobby", 1, "ann", "hi", IrcEmbedded.NOW, msgid, null),
        new ServerMessage.Topic("lobby", "t", "ann", 2L), new ServerMessage.Presence("lobby", "ann", "leave"));
  }

  private int[] counts() {
    return server.encodes.stream().mapToInt(c -> c.encodesOf(ServerMessage.Message.class)).toArray();
  }
}
