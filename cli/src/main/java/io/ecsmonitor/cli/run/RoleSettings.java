package io.ecsmonitor.cli.run;

import java.util.HashMap;
import java.util.Map;

/** How a role finds its own settings in the run's configuration: the keys under its prefix. */
final class RoleSettings {

    private RoleSettings() {
    }

    /** The settings under {@code prefix}, with the prefix taken off. */
    static Map<String, String> prefixed(Map<String, String> all, String prefix) {
        Map<String, String> out = new HashMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }
}
