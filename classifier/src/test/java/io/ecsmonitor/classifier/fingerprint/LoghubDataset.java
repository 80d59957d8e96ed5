package io.ecsmonitor.classifier.fingerprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import io.ecsmonitor.classifier.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One labelled Loghub 2k dataset ({@code shared/data/loghub-2k/*_2k.log_structured_corrected.csv}):
 * each line's {@code Content} and the {@code EventId} of its true template.
 */
record LoghubDataset(String name, List<String> contents, List<String> eventIds) {

    private static final String DATA = "data/loghub-2k";

    /** All datasets, by name. */
    static List<LoghubDataset> loadAll() {
        Path dir = locate();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> csvs = files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
            List<LoghubDataset> datasets = new ArrayList<>();
            for (Path csv : csvs) {
                datasets.add(load(csv));
            }
            return datasets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code shared/data/loghub-2k}. */
    static Path locate() {
        Path dir = SharedData.dir().resolve(DATA);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no " + DATA + " in " + SharedData.dir());
        }
        return dir;
    }

    static LoghubDataset load(Path csv) throws IOException {
        List<List<String>> rows = Csv.parse(Files.readString(csv, StandardCharsets.UTF_8));
        List<String> header = rows.get(0);
        int content = header.indexOf("Content");
        int eventId = header.indexOf("EventId");
        if (content < 0 || eventId < 0) {
            throw new IllegalStateException(csv + " lacks a Content or EventId column: " + header);
        }
        List<String> contents = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            contents.add(row.get(content));
            eventIds.add(row.get(eventId));
        }
        String name = csv.getFileName().toString();
        return new LoghubDataset(name.substring(0, name.indexOf('_')), contents, eventIds);
    }

    /** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
    static final class Csv {
        private Csv() {
        }

        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean fieldStarted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c != '"') {
                        field.append(c);
                    } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else if (c == '"') {
                    quoted = true;
                    fieldStarted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                    fieldStarted = true;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
                        row.add(field.toString());
                        rows.add(row);
                    }
                    row = new ArrayList<>();
                    field.setLength(0);
                    fieldStarted = false;
                } else {
                    field.append(c);
                    fieldStarted = true;
                }
            }
            if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
