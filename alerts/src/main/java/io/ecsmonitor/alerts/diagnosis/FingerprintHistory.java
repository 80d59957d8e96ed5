package io.ecsmonitor.alerts.diagnosis;

import io.ecsmonitor.core.model.Category;
import io.ecsmonitor.core.model.ServiceStats;
import io.ecsmonitor.core.model.ServiceStats.FingerprintCount;
import java.util.HashMap;
import java.util.Map;

/**
 * The error templates a service has shown within the fingerprint retention period (the value of the
 * fingerprint store), so a template never seen before can be reported as a new error pattern.
 *
 * @param observedSince when the service's fingerprints were first recorded, ms since the epoch: before
 *                      the learning period has passed nothing counts as new
 * @param seen          per fingerprint, when it was first and last seen
 */
public record FingerprintHistory(long observedSince, Map<String, Seen> seen) {

    /**
     * One fingerprint of the service.
     *
     * @param firstSeen start of the first window it appeared in, ms since the epoch
     * @param lastSeen  end of the newest window it appeared in, ms since the epoch
     * @param category  its category
     */
    public record Seen(long firstSeen, long lastSeen, Category category) {
    }

    static FingerprintHistory startingAt(long time) {
        return new FingerprintHistory(time, Map.of());
    }

    /** This history with the fingerprints of {@code stats}, forgetting those not seen since {@code forgetBefore}. */
    FingerprintHistory with(ServiceStats stats, long forgetBefore) {
        Map<String, Seen> out = new HashMap<>(seen.size() + 4);
        seen.forEach((fp, s) -> {
            if (s.lastSeen() >= forgetBefore) {
                out.put(fp, s);
            }
        });
        if (stats.topFingerprints() != null) {
            for (FingerprintCount f : stats.topFingerprints()) {
                Seen old = out.get(f.fingerprint());
                out.put(f.fingerprint(), old == null
                        ? new Seen(stats.windowStart(), stats.windowEnd(), f.category())
                        : new Seen(Math.min(old.firstSeen(), stats.windowStart()), Math.max(old.lastSeen(), stats.windowEnd()),
                                f.category()));
            }
        }
        return new FingerprintHistory(Math.min(observedSince, stats.windowStart()), Map.copyOf(out));
    }
}
