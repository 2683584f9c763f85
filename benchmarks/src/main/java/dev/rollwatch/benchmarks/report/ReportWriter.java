package dev.rollwatch.benchmarks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Writes a report as {@code <timestamp>.json} (the data) and {@code <timestamp>.md} (the summary). */
public final class ReportWriter {

    private static final DateTimeFormatter FILE_NAME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ReportWriter() {}

    /** Returns the JSON file written; the Markdown file sits beside it. */
    public static Path write(BenchmarkReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        String name = FILE_NAME.format(report.startedAt());
        Path json = directory.resolve(name + ".json");
        Files.writeString(json, JSON.writeValueAsString(report) + "\n");
        Files.writeString(directory.resolve(name + ".md"), MarkdownReport.render(report));
        return json;
    }
}
