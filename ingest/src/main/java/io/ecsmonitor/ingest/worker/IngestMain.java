package io.ecsmonitor.ingest.worker;

/**
 * Runs the {@code ingest} role from the environment until the process is stopped:
 * {@code KAFKA_BOOTSTRAP_SERVERS=localhost:9092 ECS_CLUSTER=prod java -cp ... io.ecsmonitor.ingest.worker.IngestMain}.
 * A bad variable prints one line saying what to fix and exits with 2.
 */
public final class IngestMain {

    private IngestMain() {
    }

    public static void main(String[] args) {
        IngestWorkerConfig config;
        try {
            config = IngestWorkerConfig.fromEnvironment(System.getenv());
        } catch (RuntimeException e) {
            System.err.println("ecs-monitor ingest: " + e.getMessage());
            System.exit(2);
            return;
        }
        IngestWorker worker = IngestWorker.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "ingest-shutdown"));
        worker.awaitStop();
    }
}
