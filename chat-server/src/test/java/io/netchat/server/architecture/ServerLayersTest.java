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
 * neither rooms nor sessions.
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
}
