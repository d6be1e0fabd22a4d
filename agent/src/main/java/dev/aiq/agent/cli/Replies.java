package dev.aiq.agent.cli;

import dev.aiq.agent.protocol.WireRecords;
import java.util.ArrayList;
import java.util.List;

/** The agent's replies as the protocol's records, or the failure to say when they are not what this CLI reads. */
final class Replies {

    private Replies() {
    }

    /** {@code value} as a {@code type}; fails (exit 1) when the agent is of another version than this command. */
    static <T> T decode(Object value, Class<T> type) throws CliException {
        try {
            return WireRecords.decode(value, type);
        } catch (IllegalArgumentException e) {
            throw otherVersion(e.getMessage());
        }
    }

    /** A list of {@code type}, as {@link #decode}. */
    static <T> List<T> decodeList(Object value, Class<T> type) throws CliException {
        if (value != null && !(value instanceof List)) {
            throw otherVersion("a list was expected");
        }
        List<T> list = new ArrayList<>();
        if (value != null) {
            for (Object item : (List<?>) value) {
                list.add(decode(item, type));
            }
        }
        return list;
    }

    private static CliException otherVersion(String what) {
        return CliException.failure("the agent's reply is not what this aiq-dev expects (another version?): " + what);
    }
}
