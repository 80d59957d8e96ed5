package io.ecsmonitor.classifier.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The roles of a key read from a record's characters ({@code roles(s, from, to)}) are those of the
 * key as a string, folded to lower case by {@code toLowerCase(Locale.ROOT)} and looked up in the map.
 */
class StructuredRecordKeyRolesTest {

    private static final String[] KEYS = {"level", "lvl", "severity", "levelname", "@level", "log.level", "status",
        "status_code", "http.response.status_code", "method", "verb", "path", "url", "request_uri", "user_agent",
        "user-agent", "ua", "time", "@timestamp", "ts", "t", "s", "c", "ctx", "$date", "log", "request", "msg", "message",
        "@message", "error", "err", "stack_trace", "entrypointname", "x", "", "levels", "leve", "mesage", "errors"};

    @Test
    void shouldGiveTheRolesOfTheKeyAsAString() {
        List<String> keys = new ArrayList<>();
        Random random = new Random(17);
        String odd = "\u212a\u0130\u0131\u017f\u00c9\u00e9K";
        for (String k : KEYS) {
            keys.add(k);
            keys.add(k.toUpperCase(Locale.ROOT));
            StringBuilder mixed = new StringBuilder();
            for (char c : k.toCharArray()) {
                mixed.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
            }
            keys.add(mixed.toString());
            for (int v = 0; v < 20 && !k.isEmpty(); v++) {
                StringBuilder b = new StringBuilder(k);
                b.setCharAt(random.nextInt(k.length()), odd.charAt(random.nextInt(odd.length())));
                keys.add(b.toString());
            }
        }
        keys.add("\u212aey"); // not a key, but folds like one would
        keys.add("LEVEL\u212a");
        keys.add("ur\u0130");
        int known = 0;
        for (String key : keys) {
            String record = "{\"" + key + "\":1}";
            int expected = StructuredRecord.roles(key);
            assertThat(StructuredRecord.roles(record, 2, 2 + key.length())).as(key).isEqualTo(expected);
            known += expected != 0 ? 1 : 0;
        }
        assertThat(known).isGreaterThan(100);
        assertThat(StructuredRecord.roles("LEVEL")).isNotZero();
        assertThat(StructuredRecord.roles("\u212a")).isEqualTo(StructuredRecord.roles("k"));
    }
}
