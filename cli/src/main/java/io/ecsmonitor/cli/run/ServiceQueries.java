package io.ecsmonitor.cli.run;

import java.util.List;
import java.util.Optional;

/**
 * Answers {@code /api/services} from the Kafka Streams state of whichever instance owns each key.
 * Values are JSON text. With {@code localOnly} an instance answers from its own state alone: that is
 * how instances ask each other ({@code ?local=true}).
 */
public interface ServiceQueries {

    /** The services known to the whole application (or, local only, to this instance), sorted. */
    List<String> services(boolean localOnly);

    /** The current diagnosis and the last 60 minutes of stats of {@code service}, as JSON; empty when unknown. */
    Optional<String> service(String service, boolean localOnly);

    /** The state cannot be queried now (a rebalance, a restore): ask again shortly. */
    final class NotReadyException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public NotReadyException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
