package io.ecsmonitor.cli.run;

import io.ecsmonitor.cli.EcsMonitorCommand.UsageException;
import java.util.Map;
import java.util.function.Supplier;

/** Creates the roles {@code --roles} names. */
public final class Roles {

    private static final Map<String, Supplier<Role>> FACTORIES = Map.of(
            "probe", ProbeRole::new,
            "ingest", IngestRole::new,
            "sinks", SinksRole::new,
            "streams", StreamsRole::new);

    private Roles() {
    }

    /** The role called {@code name}. */
    public static Role create(String name, RunConfig config) {
        Supplier<Role> factory = FACTORIES.get(name);
        if (factory == null) {
            throw new UsageException("role '" + name + "' is not available in this build; choose from " + FACTORIES.keySet());
        }
        return factory.get();
    }
}
