package dev.buildredis.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;

/**
 * Marks a test of something this stage does on purpose and Redis does not (an echo server, one client at a time).
 * Where the test runs:
 *
 * <pre>
 * against                          required = false (the default)   required = true
 * this stage's own server          runs                             runs
 * a server given by redis.target   skipped: yours may do better     runs: yours must do it too
 * a real redis-server              skipped                          skipped
 * </pre>
 *
 * Stage 03 serves one client at a time, and a server that serves many is better, not wrong: that test is only
 * allowed. Stage 01 is an echo server, and a stage-01 server that does not echo is wrong: that test is required.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(StageLimitation.Condition.class)
public @interface StageLimitation {

    /** Why real Redis behaves differently. */
    String value();

    /** True when every server of this stage must behave so, yours included (see the table above). */
    boolean required() default false;

    /** Disables the marked test against a real redis-server, and against your server unless it is required. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<StageLimitation> limitation = context.getElement()
                    .flatMap(element -> AnnotationSupport.findAnnotation(element, StageLimitation.class));
            if (limitation.isEmpty()) {
                return ConditionEvaluationResult.enabled("not a stage limitation");
            }
            String reason = limitation.get().value();
            if (RedisTarget.isRealRedis()) {
                return ConditionEvaluationResult.disabled("stage limitation, not Redis behaviour: " + reason);
            }
            boolean target = context.getConfigurationParameter("redis.target").filter(t -> !t.isBlank()).isPresent();
            if (target && !limitation.get().required()) {
                return ConditionEvaluationResult.disabled(
                        "stage limitation, which your server may do better than this stage: " + reason);
            }
            return ConditionEvaluationResult.enabled("runs against this stage's server");
        }
    }
}
