package dev.gatehouse.it;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips the PostgreSQL run when no PostgreSQL is reachable (and CI is not set; see ItEnvironment). */
public class DatabaseAvailable implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = ItEnvironment.skipReason();
        return reason == null ? ConditionEvaluationResult.enabled("database ready")
                : ConditionEvaluationResult.disabled(reason);
    }
}
