package io.netchat.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module rules of docs/ARCHITECTURE.md §1, on the main classes of every module. It lives in
 * chat-bench, the one module whose class path holds all of them (chat-client in test scope), so no
 * arrow points up. Each rule fails if its module's classes are missing, so it cannot pass empty.
 */
@AnalyzeClasses(packages = "io.netchat", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {

  @ArchTest
  static final ArchRule theCodecDependsOnNoOtherModule = noClasses()
      .that().resideInAPackage("io.netchat.codec..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.netchat.server..", "io.netchat.client..", "io.netchat.bench..", "io.netchat.testkit..")
      .because("chat-codec is shared by both sides and knows nothing of rooms, sessions or clients");

  @ArchTest
  static final ArchRule theServerNeverDependsOnTheClient = noClasses()
      .that().resideInAPackage("io.netchat.server..")
      .should().dependOnClassesThat().resideInAnyPackage("io.netchat.client..", "io.netchat.bench..")
      .because("chat-server and chat-client meet only in chat-codec");

  @ArchTest
  static final ArchRule theClientNeverDependsOnTheServer = noClasses()
      .that().resideInAPackage("io.netchat.client..")
      .should().dependOnClassesThat().resideInAnyPackage("io.netchat.server..", "io.netchat.bench..")
      .because("chat-server and chat-client meet only in chat-codec");
}
