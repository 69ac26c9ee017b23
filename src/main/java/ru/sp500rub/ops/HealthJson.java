package ru.sp500rub.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.health.HealthCheck;

/**
 * Health results as JSON: the overall status, then every check with its status, message and details
 * (an error by its message only: no stack traces over HTTP).
 * <pre>{"status":"DOWN","checks":[{"name":"sp500-reports","group":"sp500","status":"DOWN","message":"no good run yet","details":{...}}, ...]}</pre>
 */
final class HealthJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HealthJson() {
    }

    static byte[] of(boolean up, Collection<HealthCheck.Result> results) {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", up ? "UP" : "DOWN");
        var checks = root.putArray("checks");
        results.stream().sorted(Comparator.comparing(r -> r.getCheck().getId())).forEach(result -> {
            ObjectNode check = checks.addObject();
            check.put("name", result.getCheck().getId());
            if (result.getCheck().getGroup() != null) {
                check.put("group", result.getCheck().getGroup());
            }
            check.put("status", result.getState().name());
            result.getMessage().ifPresent(message -> check.put("message", message));
            result.getError().ifPresent(error -> check.put("error", String.valueOf(error.getMessage())));
            ObjectNode details = check.putObject("details");
            new TreeMap<>(result.getDetails()).forEach((key, value) -> put(details, key, value));
        });
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("health results cannot be written as JSON", e);
        }
    }

    private static void put(ObjectNode details, String key, Object value) {
        if (value instanceof Number number && !(value instanceof Double d && (d.isNaN() || d.isInfinite()))) {
            details.putPOJO(key, number);
        } else if (value instanceof Boolean flag) {
            details.put(key, flag);
        } else if (value instanceof Map<?, ?> || value == null) {
            details.put(key, String.valueOf(value));
        } else {
            details.put(key, value.toString());
        }
    }
}
