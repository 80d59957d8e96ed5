package io.ecsmonitor.awsfakes;

/** A small XML writer for query-protocol answers. */
public final class Xml {

    private final StringBuilder sb = new StringBuilder();

    /** Opens {@code <name>}. */
    public Xml open(String name) {
        sb.append('<').append(name).append('>');
        return this;
    }

    /** Closes {@code </name>}. */
    public Xml close(String name) {
        sb.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name>value</name>}, left out when value is null. */
    public Xml element(String name, Object value) {
        if (value != null) {
            open(name);
            sb.append(escape(String.valueOf(value)));
            close(name);
        }
        return this;
    }

    /** Appends XML as it is. */
    public Xml raw(String xml) {
        sb.append(xml);
        return this;
    }

    /** Escapes text for an element. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
