package io.netchat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PublishPlanTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void spacesMessagesEvenlyFromTheStart() {
    PublishPlan plan = new PublishPlan(1000, 10, 5 * SECOND, 6 * SECOND);
    assertThat(plan.intendedTime(0)).isEqualTo(5 * SECOND);
    assertThat(plan.intendedTime(1)).isEqualTo(5 * SECOND + 1_000_000);
    assertThat(plan.intendedTime(999)).isEqualTo(5 * SECOND + 999_000_000);
  }

  @Test
  void countsTheMessagesDueByAGivenTime() {
    PublishPlan plan = new PublishPlan(1000, 10, SECOND, 2 * SECOND);
    assertThat(plan.dueBy(0)).isZero();
    assertThat(plan.dueBy(SECOND - 1)).isZero();
    assertThat(plan.dueBy(SECOND)).isEqualTo(1);
    assertThat(plan.dueBy(SECOND + 1_000_000)).isEqualTo(2);
    assertThat(plan.dueBy(SECOND + 1_500_000)).isEqualTo(2);
    assertThat(plan.dueBy(10 * SECOND)).isEqualTo(1000);
    assertThat(plan.total()).isEqualTo(1000);
  }

  @Test
  void everyDueMessageIsIntendedAtOrBeforeTheTimeAndTheNextAfterIt() {
    PublishPlan plan = new PublishPlan(333.3, 7, 0, 3 * SECOND);
    for (long now = 0; now < 3 * SECOND; now += 7_777_777) {
      long due = plan.dueBy(now);
      assertThat(plan.intendedTime(due - 1)).isLessThanOrEqualTo(now);
      assertThat(plan.intendedTime(due)).isGreaterThan(now);
    }
  }

  @Test
  void assignsMessagesToPublishersRoundRobin() {
    PublishPlan plan = new PublishPlan(100, 3, 0, SECOND);
    assertThat(plan.publisherOf(0)).isZero();
    assertThat(plan.publisherOf(4)).isEqualTo(1);
    assertThat(plan.publisherOf(8)).isEqualTo(2);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new PublishPlan(0, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PublishPlan(1, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PublishPlan(1, 1, 2, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
