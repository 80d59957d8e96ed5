package io.ecsmonitor.alerts.diagnosis;

import io.ecsmonitor.core.model.RestartEvent;
import io.ecsmonitor.core.model.ServiceStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the diagnosis remembers of one service between inputs (the value of its history store): the
 * latest version of each statistics window and the restarts, both pruned to the history retention, and
 * the clocks that let the wall clock move the service's time on while no input arrives.
 *
 * @param service            the service
 * @param cluster            its cluster, from the newest input that named one; null when none did
 * @param windows            the latest update of every window, oldest first
 * @param restarts           restarts, oldest first
 * @param lastEventTime      the newest event time among the inputs, ms since the epoch
 * @param lastInputWallClock the wall-clock time the newest input was processed, ms since the epoch
 */
public record ServiceHistory(String service, String cluster, List<ServiceStats> windows, List<RestartEvent> restarts,
                             long lastEventTime, long lastInputWallClock) {

    static ServiceHistory empty(String service) {
        return new ServiceHistory(service, null, List.of(), List.of(), 0, 0);
    }

    /** This history with {@code stats} replacing any earlier update of its window. */
    ServiceHistory withStats(ServiceStats stats) {
        List<ServiceStats> out = new ArrayList<>(windows.size() + 1);
        for (ServiceStats w : windows) {
            if (w.windowStart() != stats.windowStart()) {
                out.add(w);
            }
        }
        out.add(stats);
        out.sort(Comparator.comparingLong(ServiceStats::windowStart));
        return new ServiceHistory(service, cluster, out, restarts, lastEventTime, lastInputWallClock);
    }

    /** This history with {@code restart} added. */
    ServiceHistory withRestart(RestartEvent restart) {
        List<RestartEvent> out = new ArrayList<>(restarts);
        out.add(restart);
        out.sort(Comparator.comparingLong(RestartEvent::timestamp));
        String c = restart.cluster() != null ? restart.cluster() : cluster;
        return new ServiceHistory(service, c, windows, out, lastEventTime, lastInputWallClock);
    }

    /** This history with the clocks of an input of {@code eventTime} processed at {@code wallClock}. */
    ServiceHistory touched(long eventTime, long wallClock, String inputCluster) {
        return new ServiceHistory(service, inputCluster != null ? inputCluster : cluster, windows, restarts,
                Math.max(lastEventTime, eventTime), wallClock);
    }

    /** This history without windows and restarts older than {@code oldest}. */
    ServiceHistory prunedBefore(long oldest) {
        List<ServiceStats> w = windows.stream().filter(s -> s.windowEnd() > oldest).toList();
        List<RestartEvent> r = restarts.stream().filter(e -> e.timestamp() >= oldest).toList();
        if (w.size() == windows.size() && r.size() == restarts.size()) {
            return this;
        }
        return new ServiceHistory(service, cluster, w, r, lastEventTime, lastInputWallClock);
    }

    /** The service's time at wall-clock {@code wallClock}: its newest event time moved on by the quiet time since. */
    public long timeAt(long wallClock) {
        return lastEventTime + Math.max(0, wallClock - lastInputWallClock);
    }
}
