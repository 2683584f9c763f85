package dev.rollwatch.notifier;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Every log line the service writes while it is open, with its parameters and failure, to look for secrets. */
final class CapturedLogs extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private CapturedLogs() {}

    static CapturedLogs start() {
        CapturedLogs logs = new CapturedLogs();
        Logger.getLogger("").addHandler(logs);
        return logs;
    }

    List<String> lines() {
        return lines;
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage();
        if (record.getParameters() != null) {
            message = message + " " + Arrays.toString(record.getParameters());
        }
        lines.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
