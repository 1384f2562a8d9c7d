package dev.rockstar.tenancy.querylog;

import java.time.Duration;
import java.util.Optional;

/**
 * What an operator asked of a tenant's query log, as it travels to the other nodes on the change
 * feed: on for a while (with or without bind values), or off. Each node counts the while from
 * when it learns it, so no node's clock counts for another's.
 */
public record QueryLogSetting(Duration length, boolean values) {

    static final QueryLogSetting OFF = new QueryLogSetting(Duration.ZERO, false);

    public static QueryLogSetting off() {
        return OFF;
    }

    public boolean on() {
        return !length.isZero();
    }

    /** The text on the feed: {@code on millis=900000 values=false}, or {@code off}. */
    String text() {
        return on() ? "on millis=" + length.toMillis() + " values=" + values : "off";
    }

    /** A setting another node wrote; empty for a text this version does not know. */
    static Optional<QueryLogSetting> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.equals("off")) {
            return Optional.of(OFF);
        }
        String[] parts = text.split(" ");
        if (parts.length != 3
                || !parts[0].equals("on")
                || !parts[1].startsWith("millis=")
                || !parts[2].startsWith("values=")) {
            return Optional.empty();
        }
        try {
            long millis = Long.parseLong(parts[1].substring("millis=".length()));
            return millis <= 0
                    ? Optional.empty()
                    : Optional.of(new QueryLogSetting(
                            Duration.ofMillis(millis), Boolean.parseBoolean(parts[2].substring("values=".length()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
