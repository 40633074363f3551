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

/**
 * Marks a test of something this stage does on purpose and Redis does not (an echo server, one client at a time):
 * it runs against this stage's server and yours, and is reported as skipped against a real redis-server, with
 * the reason given here.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(StageLimitation.Condition.class)
public @interface StageLimitation {

    /** Why real Redis behaves differently. */
    String value();

    /** Disables the marked test when the target is a real redis-server. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String reason = context.getElement()
                    .flatMap(element -> AnnotationSupport.findAnnotation(element, StageLimitation.class))
                    .map(StageLimitation::value)
                    .orElse(null);
            if (reason != null && RedisTarget.isRealRedis()) {
                return ConditionEvaluationResult.disabled("stage limitation, not Redis behaviour: " + reason);
            }
            return ConditionEvaluationResult.enabled("runs against this stage's server");
        }
    }
}
