package io.netchat.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;

/**
 * The seams inside chat-server (docs/ARCHITECTURE.md, "Modules and packages"): rooms hold the
 * rules and reach connections only through {@code room.Member} and the fanout; the fanout knows
 * neither rooms nor sessions. Metrics and the admin listener are leaves: the chat packages may
 * count into {@code metrics} but never see Micrometer, and {@code admin} knows nothing of chat.
 * The IRC translation ({@code irc}) sits beside the session: it knows only chat-codec.
 */
@AnalyzeClasses(packages = "io.netchat.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ServerLayersTest {

  @ArchTest
  static final ArchRule roomsNeverTouchAChannel = noClasses()
      .that().resideInAPackage("io.netchat.server.room..")
      .should().dependOnClassesThat().areAssignableTo(Channel.class)
      .orShould().dependOnClassesThat().areAssignableTo(ChannelHandlerContext.class)
      .orShould().dependOnClassesThat().areAssignableTo(ChannelPipeline.class)
      .because("a room reaches a connection only through room.Member and fanout.Fanout");

  @ArchTest
  static final ArchRule roomsNeverSeeTheSessionClasses = noClasses()
      .that().resideInAPackage("io.netchat.server.room..")
      .should().dependOnClassesThat().resideInAPackage("io.netchat.server")
      .because("the session implements room.Member; rooms know only that interface");

  @ArchTest
  static final ArchRule theFanoutKnowsNoRoomsAndNoSessions = noClasses()
      .that().resideInAPackage("io.netchat.server.fanout..")
      .should().dependOnClassesThat().resideInAnyPackage("io.netchat.server", "io.netchat.server.room..")
      .because("the fanout delivers bytes to Recipients; rules live above it");

  @ArchTest
  static final ArchRule metricsKnowNoSessionsRoomsOrAdmin = noClasses()
      .that().resideInAPackage("io.netchat.server.metrics..")
      .should().dependOnClassesThat().resideInAnyPackage("io.netchat.server", "io.netchat.server.room..",
          "io.netchat.server.fanout..", "io.netchat.server.admin..")
      .because("counters are a leaf the chat code increments; what they read is handed in as suppliers");

  @ArchTest
  static final ArchRule theAdminListenerKnowsNoChat = noClasses()
      .that().resideInAPackage("io.netchat.server.admin..")
      .should().dependOnClassesThat().resideInAnyPackage("io.netchat.server", "io.netchat.server.room..",
          "io.netchat.server.fanout..", "io.netchat.server.metrics..", "io.netchat.codec..", "io.micrometer..")
      .because("the admin listener serves a scrape and readiness checks it is given, nothing else");

  @ArchTest
  static final ArchRule roomsAndTheFanoutNeverSeeMicrometerOrAdmin = noClasses()
      .that().resideInAnyPackage("io.netchat.server.room..", "io.netchat.server.fanout..")
      .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.netchat.server.admin..")
      .because("the chat path counts into plain LongAdders; Micrometer reads them at scrape time");

  @ArchTest
  static final ArchRule theFanoutCountsWithoutTheMetricsPackage = noClasses()
      .that().resideInAPackage("io.netchat.server.fanout..")
      .should().dependOnClassesThat().resideInAPackage("io.netchat.server.metrics..")
      .because("the fanout is handed the LongAdder it adds its deliveries to");

  @ArchTest
  static final ArchRule theIrcTranslationKnowsNoSessionsRoomsOrFanout = noClasses()
      .that().resideInAPackage("io.netchat.server.irc..")
      .should().dependOnClassesThat().resideInAnyPackage("io.netchat.server", "io.netchat.server.room..",
          "io.netchat.server.fanout..", "io.netchat.server.metrics..", "io.netchat.server.admin..")
      .because("an IRC connection reaches its session only through chat-codec's TranslatedCommand.Sink and "
          + "speaks netchat commands and answers; the server wires it in");

  @ArchTest
  static final ArchRule onlyTheServerWiringKnowsTheIrcPackage = noClasses()
      .that().resideInAnyPackage("io.netchat.server.room..", "io.netchat.server.fanout..",
          "io.netchat.server.metrics..", "io.netchat.server.admin..", "io.netchat.server.config..")
      .should().dependOnClassesThat().resideInAPackage("io.netchat.server.irc..")
      .because("IRC is one listener's translation: rooms and fanout stay protocol-neutral");
}
