package dev.aiq.agent.yaml;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;

/**
 * A parser that remembers the last event it handed out, so that SnakeYAML's limit errors, which carry no position,
 * can still be reported at the alias or collection that crossed the limit. Internal.
 */
final class TrackingParser implements Parser {

    private final Parser parser;
    private Event last;

    TrackingParser(Parser parser) {
        this.parser = parser;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        return parser.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public Event getEvent() {
        last = parser.getEvent();
        return last;
    }

    /** Returns the start of the last event handed out, or null before the first. */
    Mark lastMark() {
        return last == null ? null : last.getStartMark();
    }
}
