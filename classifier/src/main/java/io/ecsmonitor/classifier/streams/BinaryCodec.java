package io.ecsmonitor.classifier.streams;

import io.ecsmonitor.core.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary format for the classifier's internal values (state stores and the repartition topic),
 * which only this module reads: a format byte, then the fields in a fixed order; numbers as variable-length
 * integers, strings as a length and their UTF-8 bytes (length 0 is null, n+1 a string of n bytes), enums
 * by name. Writing and reading one costs a fraction of Jackson's JSON.
 *
 * <p>A value whose first byte is <code>'{'</code> was written by an earlier version as JSON and is read
 * with Jackson, so state and in-flight repartition records written before the switch stay readable.
 * Public topics keep their JSON.
 */
final class BinaryCodec {

    /** The first byte of every binary value: the format version. Never {@code '{'}. */
    static final byte FORMAT = 1;

    /** Each enum constant's encoded name (length prefix included), by class and ordinal. */
    private static final ClassValue<byte[][]> ENUM_NAMES = new ClassValue<>() {
        @Override
        protected byte[][] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            byte[][] names = new byte[constants.length][];
            for (int i = 0; i < constants.length; i++) {
                Writer w = new Writer(32);
                w.string(((Enum<?>) constants[i]).name());
                names[i] = w.toBytes();
            }
            return names;
        }
    };

    private static final int INITIAL_BUFFER = 4096;
    private static final int MAX_KEPT_BUFFER = 1 << 20;
    /** One buffer per stream thread, reused by every value it writes (a value is copied out of it). */
    private static final ThreadLocal<Writer> WRITER = ThreadLocal.withInitial(() -> new Writer(INITIAL_BUFFER));

    private BinaryCodec() {
    }

    /** Writes one value's fields. */
    interface Encoder<T> {
        void write(Writer w, T value);
    }

    /** Reads one value's fields. */
    interface Decoder<T> {
        T read(Reader r);
    }

    /** A serde of {@code type} in the binary format that reads JSON written by earlier versions. */
    static <T> Serde<T> serde(Class<T> type, Encoder<T> encoder, Decoder<T> decoder) {
        Deserializer<T> json = JsonSerde.of(type).deserializer();
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            Writer w = WRITER.get();
            w.pos = 0;
            w.buf[w.pos++] = FORMAT;
            encoder.write(w, value);
            byte[] bytes = w.toBytes();
            if (w.buf.length > MAX_KEPT_BUFFER) {
                w.buf = new byte[INITIAL_BUFFER];
            }
            return bytes;
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == '{') {
                return json.deserialize(topic, bytes);
            }
            if (bytes.length == 0 || bytes[0] != FORMAT) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " from "
                        + topic + ": unknown format byte " + (bytes.length == 0 ? "(empty)" : bytes[0]));
            }
            try {
                Reader r = new Reader(bytes, 1);
                T value = decoder.read(r);
                if (r.pos != bytes.length) {
                    throw new SerializationException("cannot read " + type.getSimpleName() + " from " + topic
                            + ": " + (bytes.length - r.pos) + " bytes left over");
                }
                return value;
            } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " from " + topic
                        + ": truncated or corrupt value", e);
            }
        };
        return org.apache.kafka.common.serialization.Serdes.serdeFrom(serializer, deserializer);
    }

    /** A growing byte buffer with the writes of the format. */
    static final class Writer {
        byte[] buf;
        int pos;

        Writer(int capacity) {
            buf = new byte[capacity];
        }

        private void ensure(int n) {
            if (pos + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            }
        }

        byte[] toBytes() {
            return Arrays.copyOf(buf, pos);
        }

        void bool(boolean b) {
            ensure(1);
            buf[pos++] = (byte) (b ? 1 : 0);
        }

        /** An unsigned variable-length integer (7 bits a byte). */
        void varlong(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[pos++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[pos++] = (byte) v;
        }

        /** A signed long, zig-zag encoded, so small negative numbers stay short. */
        void zlong(long v) {
            varlong((v << 1) ^ (v >> 63));
        }

        void varint(int v) {
            varlong(v & 0xFFFFFFFFL);
        }

        /** A nullable string: 0 for null, else its UTF-8 length + 1 and the bytes. */
        void string(String s) {
            if (s == null) {
                varlong(0);
                return;
            }
            // The JDK's encoder copies a Latin-1 string's bytes with vectorised intrinsics: faster than
            // any loop over its characters, even with the extra copy.
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varlong(b.length + 1L);
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }

        <E extends Enum<E>> void enumName(E e) {
            if (e == null) {
                varlong(0);
                return;
            }
            byte[] b = ENUM_NAMES.get(e.getDeclaringClass())[e.ordinal()];
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }
    }

    /** Reads what {@link Writer} wrote. */
    static final class Reader {
        private final byte[] buf;
        int pos;

        Reader(byte[] buf, int pos) {
            this.buf = buf;
            this.pos = pos;
        }

        boolean bool() {
            return buf[pos++] != 0;
        }

        long varlong() {
            long v = 0;
            int shift = 0;
            while (true) {
                byte b = buf[pos++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
                shift += 7;
                if (shift > 63) {
                    throw new IllegalArgumentException("variable-length integer too long");
                }
            }
        }

        long zlong() {
            long v = varlong();
            return (v >>> 1) ^ -(v & 1);
        }

        int varint() {
            return (int) varlong();
        }

        String string() {
            long n = varlong();
            if (n == 0) {
                return null;
            }
            int len = Math.toIntExact(n - 1);
            if (len > buf.length - pos) {
                throw new IllegalArgumentException("string longer than the value");
            }
            String s = new String(buf, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }

        <E extends Enum<E>> E enumName(Class<E> type) {
            String s = string();
            return s == null ? null : Enum.valueOf(type, s);
        }
    }
}
