package io.ecsmonitor.cli;

import io.ecsmonitor.probe.ProbeConfig;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by {@code health} and {@code probe}: where AWS is and how HTTP endpoints are tried. */
public final class ProbeOptions {

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send every AWS call to URL (an emulator or a fake). Default: the SDK's AWS_ENDPOINT_URL, "
                    + "AWS_ENDPOINT_URL_ECS, AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2, else AWS itself.")
    String endpointUrl;

    @Option(names = "--http-attempts", paramLabel = "N", defaultValue = "" + ProbeConfig.HTTP_ATTEMPTS_DEFAULT,
            description = "Attempts per HTTP endpoint before it counts as failed (default: ${DEFAULT-VALUE}).")
    int httpAttempts;

    @Option(names = "--http-pause-ms", paramLabel = "MS", defaultValue = "" + ProbeConfig.HTTP_PAUSE_MS_DEFAULT,
            description = "Pause between two attempts of one endpoint (default: ${DEFAULT-VALUE}).")
    long httpPauseMs;

    @Option(names = "--http-timeout-ms", paramLabel = "MS", defaultValue = "" + ProbeConfig.HTTP_TIMEOUT_MS_DEFAULT,
            description = "Timeout of one HTTP attempt and of one TLS handshake (default: ${DEFAULT-VALUE}).")
    long httpTimeoutMs;

    /** Adds these options to probe settings. */
    void applyTo(Map<String, Object> props) {
        if (endpointUrl != null && !endpointUrl.isBlank()) {
            props.put(ProbeConfig.AWS_ENDPOINT_CONFIG, endpointUrl);
        }
        props.put(ProbeConfig.HTTP_ATTEMPTS_CONFIG, httpAttempts);
        props.put(ProbeConfig.HTTP_PAUSE_MS_CONFIG, httpPauseMs);
        props.put(ProbeConfig.HTTP_TIMEOUT_MS_CONFIG, httpTimeoutMs);
    }
}
