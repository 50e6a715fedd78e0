package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** Repeats of one cause cost one line per window plus one summary; causes are bounded. */
class RepeatedLogTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger("test.repeated-log");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @BeforeEach
  void capture() {
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void release() {
    logger.detachAppender(lines);
  }

  private RepeatedLog repeatedLog(int maxCauses) {
    return new RepeatedLog(logger, Level.INFO, Duration.ofSeconds(10), maxCauses);
  }

  @Test
  void theFirstLineOfACauseIsWrittenAtOnceAndItsRepeatsAreSummedAtTheFlush() {
    RepeatedLog log = repeatedLog(8);
    for (int i = 0; i < 14_176; i++) {
      log.log("per-address 10.0.0.1", "refused connection " + i);
    }
    assertThat(messages()).containsExactly("refused connection 0");

    log.flush();

    assertThat(messages()).containsExactly("refused connection 0",
        "14175 more like this in the last 10 s: refused connection 0");
  }

  @Test
  void aCauseThatDidNotRepeatGetsNoSummaryAndANewWindowLogsAgain() {
    RepeatedLog log = repeatedLog(8);
    log.log("a", "line a");
    log.flush();
    log.log("a", "line a again");
    log.flush();
    assertThat(messages()).containsExactly("line a", "line a again");
  }

  @Test
  void causesBeyondTheBoundAreFoldedIntoOneOverflowLine() {
    RepeatedLog log = repeatedLog(2);
    for (int cause = 0; cause < 100; cause++) {
      log.log("cause " + cause, "line " + cause);
    }
    assertThat(messages()).containsExactly("line 0", "line 1",
        "more causes than the 2 told apart per 10 s; latest: line 2");
    log.flush();
    assertThat(messages()).hasSize(4).last().asString()
        .isEqualTo("97 more like this in the last 10 s: more causes than the 2 told apart per 10 s; latest: line 2");
  }

  @Test
  void flushWithNothingLoggedWritesNothing() {
    repeatedLog(1).flush();
    assertThat(lines.list).isEmpty();
  }

  private java.util.List<String> messages() {
    return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }
}
