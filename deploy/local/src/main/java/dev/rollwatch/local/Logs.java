package dev.rollwatch.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

final class Logs {

    private Logs() {}

    /** The last lines of a log, indented, for an error message. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join(
                            "\n",
                            all.subList(Math.max(0, all.size() - lines), all.size()).stream()
                                    .map(l -> "    " + l)
                                    .toList())
                    + "\n  (full log: " + log + ")";
        } catch (IOException e) {
            return "  (no log at " + log + ")";
        }
    }
}
