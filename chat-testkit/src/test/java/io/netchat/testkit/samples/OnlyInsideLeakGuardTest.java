package io.netchat.testkit.samples;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a sample test that must run only when {@code LeakGuardTest} launches it (with the
 * configuration parameter {@value #PARAMETER}), never in the module's own test run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(OnlyInsideLeakGuardTest.Condition.class)
public @interface OnlyInsideLeakGuardTest {
  /** The configuration parameter that enables the samples. */
  String PARAMETER = "netchat.testkit.samples";

  /** Disables the sample unless {@value #PARAMETER} is {@code true}. */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(PARAMETER, Boolean::parseBoolean).orElse(false)
          ? ConditionEvaluationResult.enabled("launched by LeakGuardTest")
          : ConditionEvaluationResult.disabled("a sample for LeakGuardTest only");
    }
  }
}
