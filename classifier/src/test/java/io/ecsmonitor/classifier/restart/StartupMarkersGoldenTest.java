package io.ecsmonitor.classifier.restart;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsmonitor.classifier.EquivalenceLines;
import io.ecsmonitor.classifier.GoldenFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link StartupMarkers} answers as recorded in {@code src/test/resources/banner-golden.txt}
 * ({@link GoldenFile}) for the equivalence set ({@link EquivalenceLines}) with 12,000 banners and near misses
 * spliced in, and the banners alone. The file was written by the one-expression version of 2026-11-22; a
 * change of what counts as a banner rewrites it ({@code -Decsmonitor.golden.write=true}).
 */
class StartupMarkersGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/banner-golden.txt");

    /** Banners and near misses, spliced into the lines. */
    private static final String[] BANNERS = {
        "Started ApiApplication in 4.213 seconds (process running for 5.1)", "started App in 4 seconds",
        "Started x-y.z in 3 seconds", "Tomcat started on port 8080", "JETTY STARTED ON PORT", "Starting gunicorn 21.2.0",
        "Booting worker with pid: 7", "Uvicorn running on http://0.0.0.0:8000", "Application startup complete.",
        " * Running on http://127.0.0.1:5000", "* running on http://x", "Microsoft.Hosting.Lifetime[14]",
        "Microsoft.Hosting.Lifetime[0]", "microsoft.hosting.lifetime[0]", "Now listening on: http://[::]:8080",
        "now listening on: x", "Puma starting in single mode", "Server listening on port 3000", "App listening on :3000",
        "api is now ready at", "service  running\ton", "starting HTTP server", "starting grpc server", "starting server",
        "listening on :8080", "listening on port 80", "listening on 123456", "started in 1.234s. Listening on: x",
        "Startup completed in 12ms", "Startup completed in 12 ms", "Listening at: https://x", "Listening on tcp://x",
        "Listening on 0.0.0.0", "Listening on [::]", "LISTENING ON UNIX://", "Running MyApp.Endpoint with cowboy",
        "start worker processes", "start worker processesx", "ready - started server on 0.0.0.0:3000",
        "Nest application successfully started", "server started", "Application started", "Starting development server at",
        "Started processing batch 12", "user listening preferences updated", "GET /start 200", "reboot", "hosting",
        "\u017ftarted App in 4 seconds", "\u212aserver started", "server \u0131s ready on", "xserver started",
        "server started_", "_Started A in 1 seconds", "l\u0131stening on port 80", "h\u00d3sting", "r\u0131nning"
    };

    @Test
    void shouldAnswerAsRecordedInTheGoldenFile() throws IOException {
        List<String> lines = new ArrayList<>(EquivalenceLines.all());
        Random random = new Random(13);
        int base = lines.size();
        for (int k = 0; k < 12_000; k++) {
            String line = lines.get(random.nextInt(base));
            int at = random.nextInt(Math.min(line.length(), 200) + 1);
            String banner = BANNERS[random.nextInt(BANNERS.length)];
            banner = switch (k % 4) {
                case 0 -> banner.toUpperCase(Locale.ROOT);
                case 1 -> banner.toLowerCase(Locale.ROOT);
                default -> banner;
            };
            lines.add(line.substring(0, at) + (k % 3 == 0 ? "" : " ") + banner + line.substring(at));
            lines.add(banner);
        }
        assertThat(lines.stream().filter(StartupMarkers::isBanner).count()).as("banners among the lines")
                .isGreaterThan(5_000);
        GoldenFile.check(GOLDEN, "banner answers", lines, line -> line,
                line -> (StartupMarkers.isBanner(line) ? 1 : 0) | (StartupMarkers.mayBeBanner(line) ? 2 : 0),
                line -> "isBanner=" + StartupMarkers.isBanner(line) + " mayBeBanner=" + StartupMarkers.mayBeBanner(line)
                        + ": " + line);
    }

    @Test
    void shouldFileEveryBannerUnderAKeywordItSpells() {
        for (StartupMarkers.Banner b : StartupMarkers.BANNERS) {
            assertThat(b.keywords()).as(b.regex()).isNotZero();
            for (int k = 0; k < StartupMarkers.KEYWORDS.length; k++) {
                if ((b.keywords() & (1 << k)) != 0) {
                    assertThat(b.regex().toLowerCase(Locale.ROOT)).contains(StartupMarkers.KEYWORDS[k]);
                }
            }
        }
    }
}
