package io.ecsmonitor.classifier.redact;

import io.ecsmonitor.classifier.text.AsciiPairs;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text that the engine hands out as a sample, so that alerts never carry them. Each
 * secret is replaced by {@value #MASK}; the names around it stay, so the sample stays readable
 * ({@code password=***}, {@code postgres://app:***@db:5432}, {@code Authorization: Bearer ***}).
 *
 * <p>Masked: AWS access key ids ({@code AKIA…}, {@code ASIA…}); AWS secret keys after a
 * {@code secret…key} label; bearer tokens and {@code Authorization: Basic …} credentials; JWTs
 * ({@code eyJ….….…}); passwords in URLs; the values of keys named like {@code password}, {@code passwd},
 * {@code pwd}, {@code passphrase}, {@code secret}, {@code token}, {@code api_key} or {@code apikey}, alone
 * or at the end of a longer name ({@code db_password}, {@code client_secret}, {@code access_token},
 * {@code X-Api-Key}, {@code SecretAccessKey}), as {@code key=value}, {@code key: value}, JSON or Python
 * pairs, a quoted value cut before its closing quote to the end of the text; and PEM private-key blocks,
 * also when cut before their END line (masked to the end of the text) or after their BEGIN line.
 *
 * <p>Words that only name a secret ({@code passwordless login}, {@code token bucket refilled},
 * {@code max_tokens=512}), AWS error codes ({@code ExpiredToken: The security token …}) and
 * yes/no/null/true/false values ({@code using password: YES}) are left alone. In doubt, more is masked
 * rather than less: {@code token: str} in a Python source line becomes {@code token: ***}.
 *
 * <p>One pass over the text looks for the trigger words; text without any is returned as it is, without
 * allocating, and each rule runs only when its own trigger word is there.
 */
public final class Redactor {

    /** What a secret is replaced with. */
    public static final String MASK = "***";

    private static final int PRIVATE_KEY = 1;
    private static final int URL = 1 << 1;
    private static final int BEARER_WORD = 1 << 2;
    private static final int AUTHORIZATION_WORD = 1 << 3;
    private static final int JWT_PREFIX = 1 << 4;
    private static final int SECRET_WORD = 1 << 5;
    private static final int KEY_NAME = 1 << 6;
    private static final int ACCESS_KEY_PREFIX = 1 << 7;

    private static final String SECRET = "s";

    private static final Pattern PRIVATE_KEY_BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----");
    private static final Pattern PRIVATE_KEY_END = Pattern.compile("-----END ([A-Z0-9 ]*)PRIVATE KEY-----");
    private static final Pattern BEARER = Pattern.compile(
            "(?i)\\bbearer\\s+(?!(?:realm|error|scope)\\b)(?<s>[A-Za-z0-9\\-._~+/]{8,}=*)(?![A-Za-z0-9\\-._~+/=])");
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(?i)\\bauthorization[\"']?\\s*[:=]\\s*[\"']?(?:basic|digest|negotiate|token)\\s+(?<s>[^\\s\"',;]+)");
    private static final Pattern JWT = Pattern.compile(
            "\\b(?<s>eyJ[A-Za-z0-9_-]{7,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*)");
    private static final Pattern AWS_SECRET_KEY = Pattern.compile(
            "(?i)\\b(?:aws[ _-]?)?secret[ _-]?(?:access[ _-]?)?key[\"']?\\s*(?:[:=]|is)?\\s*[\"']?"
                    + "(?<s>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])");
    private static final Pattern AWS_ACCESS_KEY_ID = Pattern.compile("\\b(?<s>(?:AKIA|ASIA)[A-Z0-9]{16})\\b");
    /** What follows a key name: a separator, then a quoted (perhaps cut) or a bare value. */
    private static final Pattern VALUE_AFTER_KEY = Pattern.compile(
            "(?:\\\\?[\"'])?\\s*(?::|=(?!=))\\s*"
                    + "(?!(?i:null|true|false|none|undefined|yes|no)\\b)"
                    + "(?:\"(?<s1>(?:\\\\.|[^\"\\\\])+)\"?"
                    + "|'(?<s2>(?:\\\\.|[^'\\\\])+)'?"
                    + "|\\\\\"(?<s3>.+?)(?:\\\\\"|$)"
                    + "|(?<s4>[^\\s\"'\\\\,;&()<>{}\\[\\]=][^\\s\"'\\\\,;&()<>{}\\[\\]]*))");
    private static final String[] VALUE_GROUPS = {"s1", "s2", "s3", "s4"};
    /** Words right before a key name that make it an error code ({@code ExpiredToken: The …}), not a key. */
    private static final String[] ERROR_CODE_QUALIFIERS = {"expired", "invalid", "missing"};

    private Redactor() {
    }

    /** The text with its secrets masked; the same instance when there is nothing to mask; null for null. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        int found = triggers(text);
        if (found == 0) {
            return text;
        }
        String out = text;
        if ((found & PRIVATE_KEY) != 0) {
            out = maskPrivateKeys(out);
        }
        if ((found & URL) != 0) {
            out = maskUrlPasswords(out);
        }
        if ((found & BEARER_WORD) != 0) {
            out = mask(BEARER, out);
        }
        if ((found & AUTHORIZATION_WORD) != 0) {
            out = mask(AUTHORIZATION, out);
        }
        if ((found & JWT_PREFIX) != 0) {
            out = mask(JWT, out);
        }
        if ((found & SECRET_WORD) != 0) {
            out = mask(AWS_SECRET_KEY, out);
        }
        if ((found & KEY_NAME) != 0) {
            out = maskKeyValues(out);
        }
        if ((found & ACCESS_KEY_PREFIX) != 0) {
            out = mask(AWS_ACCESS_KEY_ID, out);
        }
        return out;
    }

    /**
     * Pairs of ASCII characters that may begin a trigger word: those at which {@link #trigger} can find
     * anything. No trigger
     * begins with a character beyond ASCII or has one second.
     */
    private static final AsciiPairs TRIGGER_PAIRS = AsciiPairs.where(Redactor::mayTrigger);

    /** What {@link #trigger} needs of a position's first two characters to find anything there. */
    private static boolean mayTrigger(char c0, char c1) {
        switch (lower(c0)) {
            case 'a':
                return lower(c1) == 'p' || lower(c1) == 'u' || (c0 == 'A' && (c1 == 'K' || c1 == 'S'));
            case 'b':
            case 's':
                return lower(c1) == 'e';
            case 'e':
                return c1 == 'y';
            case 'p':
                return lower(c1) == 'a' || lower(c1) == 'w' || c1 == 'R';
            case 't':
                return lower(c1) == 'o';
            case ':':
                return c1 == '/';
            default:
                return false;
        }
    }

    /**
     * The trigger words in the text, one bit per rule; 0 when it holds none. One pass, no allocation:
     * a table of character pairs passes the few positions where a trigger may begin, and only those
     * are looked at closely.
     */
    static int triggers(String text) {
        int found = 0;
        int n = text.length();
        if (n < 3) {
            return 0;
        }
        int lastAt = -2; // the last '@', looked up once when a "://" needs it
        char c1 = text.charAt(0);
        for (int i = 0; i + 2 < n; i++) {
            char c0 = c1;
            c1 = text.charAt(i + 1);
            if (TRIGGER_PAIRS.contains(c0, c1)) {
                if (lastAt == -2 && lower(c0) == ':') {
                    lastAt = text.lastIndexOf('@');
                }
                found |= trigger(text, i, lastAt);
            }
        }
        return found;
    }

    /**
     * The trigger word that begins at {@code i} (which has two characters after it), as its rule's bit,
     * or 0. {@code lastAt}: the position of the text's last '@' (-1: none), when the text holds "://".
     */
    private static int trigger(String text, int i, int lastAt) {
        // The second and third characters are checked before any call: 'se', 'to', 'pa' are common.
        switch (lower(text.charAt(i))) {
            case 'a':
                if (secondAndThird(text, i, 'p', 'i') && keyNameEnd(text, i) > 0) {
                    return KEY_NAME;
                } else if (secondAndThird(text, i, 'u', 't') && text.regionMatches(true, i, "authorization", 0, 13)) {
                    return AUTHORIZATION_WORD;
                } else if (text.startsWith("AKIA", i) || text.startsWith("ASIA", i)) {
                    return ACCESS_KEY_PREFIX;
                }
                return 0;
            case 'b':
                return secondAndThird(text, i, 'e', 'a') && text.regionMatches(true, i, "bearer", 0, 6) ? BEARER_WORD : 0;
            case 'e':
                return text.charAt(i + 1) == 'y' && text.charAt(i + 2) == 'J' && text.charAt(i) == 'e' ? JWT_PREFIX : 0;
            case 'p':
                if ((secondAndThird(text, i, 'a', 's') || secondAndThird(text, i, 'w', 'd'))
                        && keyNameEnd(text, i) > 0) {
                    return KEY_NAME;
                } else if (text.charAt(i + 1) == 'R' && text.startsWith("PRIVATE KEY", i)) {
                    return PRIVATE_KEY;
                }
                return 0;
            case 's':
                return secondAndThird(text, i, 'e', 'c') && text.regionMatches(true, i, "secret", 0, 6)
                        ? SECRET_WORD | KEY_NAME : 0;
            case 't':
                return secondAndThird(text, i, 'o', 'k') && text.regionMatches(true, i, "token", 0, 5) ? KEY_NAME : 0;
            case ':':
                // "://" with an '@' after it
                return text.charAt(i + 1) == '/' && text.charAt(i + 2) == '/' && lastAt >= i + 3 ? URL : 0;
            default:
                return 0;
        }
    }

    private static boolean secondAndThird(String text, int i, char second, char third) {
        return lower(text.charAt(i + 1)) == second && lower(text.charAt(i + 2)) == third;
    }

    /**
     * Masks the value after each key named like a secret ({@code db_password=…}, {@code "token": "…"}).
     * Anchored on the name found by hand, so the regular expression only reads what follows it.
     */
    private static String maskKeyValues(String text) {
        Matcher value = VALUE_AFTER_KEY.matcher(text);
        StringBuilder out = null;
        int last = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            int nameEnd = mayStartKeyName(text, i, n) ? keyNameEnd(text, i) : -1;
            if (nameEnd < 0) {
                i++;
                continue;
            }
            if (nameEnd < n && isWordChar(text.charAt(nameEnd)) || followsErrorCodeQualifier(text, i)) {
                i = nameEnd;
                continue;
            }
            value.region(nameEnd, n);
            if (!value.lookingAt()) {
                i = nameEnd;
                continue;
            }
            for (String group : VALUE_GROUPS) {
                int start = value.start(group);
                if (start >= 0) {
                    out = out == null ? new StringBuilder(n) : out;
                    out.append(text, last, start).append(MASK);
                    last = value.end(group);
                }
            }
            i = Math.max(value.end(), nameEnd);
        }
        return out == null ? text : out.append(text, last, n).toString();
    }

    /** The key names {@link #keyNameEnd} reads, for {@link #KEY_NAME_PAIRS}. */
    private static final String[] KEY_NAMES = {"password", "passwd", "secret", "passphrase", "pwd", "token", "api"};
    /**
     * Pairs of ASCII characters that a key name may begin with, as {@link #keyNameEnd} compares them
     * ({@code regionMatches} ignoring case).
     */
    private static final AsciiPairs KEY_NAME_PAIRS = AsciiPairs.where((c0, c1) -> {
        String pair = new String(new char[] {c0, c1});
        for (String name : KEY_NAMES) {
            if (pair.regionMatches(true, 0, name, 0, 2)) {
                return true;
            }
        }
        return false;
    });

    /**
     * False when no key name can start at {@code i}: fewer than three characters left (the shortest
     * name), or two ASCII characters that begin none. Beyond ASCII, case folding (the long s matches
     * {@code s}) is left to {@link #keyNameEnd}.
     */
    private static boolean mayStartKeyName(String text, int i, int n) {
        if (i + 2 >= n) {
            return false;
        }
        char c0 = text.charAt(i);
        char c1 = text.charAt(i + 1);
        return (c0 | c1) >= 128 || KEY_NAME_PAIRS.contains(c0, c1);
    }

    /**
     * Where a secret's key name that starts at {@code i} ends, ignoring case: {@code password},
     * {@code passwd}, {@code passphrase}, {@code pwd}, {@code secret}, {@code token}, {@code api_key},
     * {@code api-key} or {@code apikey}, then an optional {@code _key} or {@code _access_key}; -1 if none.
     */
    private static int keyNameEnd(String text, int i) {
        int end;
        if (text.regionMatches(true, i, "password", 0, 8)) {
            end = i + 8;
        } else if (text.regionMatches(true, i, "passwd", 0, 6) || text.regionMatches(true, i, "secret", 0, 6)) {
            end = i + 6;
        } else if (text.regionMatches(true, i, "passphrase", 0, 10)) {
            end = i + 10;
        } else if (text.regionMatches(true, i, "pwd", 0, 3)) {
            end = i + 3;
        } else if (text.regionMatches(true, i, "token", 0, 5)) {
            end = i + 5;
        } else if (text.regionMatches(true, i, "api", 0, 3)) {
            int key = i + 3 < text.length() && (text.charAt(i + 3) == '_' || text.charAt(i + 3) == '-') ? i + 4 : i + 3;
            return text.regionMatches(true, key, "key", 0, 3) ? key + 3 : -1;
        } else {
            return -1;
        }
        int suffix = end < text.length() && (text.charAt(end) == '_' || text.charAt(end) == '-') ? end + 1 : end;
        if (text.regionMatches(true, suffix, "access", 0, 6)) {
            int key = suffix + 6;
            key = key < text.length() && (text.charAt(key) == '_' || text.charAt(key) == '-') ? key + 1 : key;
            return text.regionMatches(true, key, "key", 0, 3) ? key + 3 : end;
        }
        return text.regionMatches(true, suffix, "key", 0, 3) ? suffix + 3 : end;
    }

    private static boolean followsErrorCodeQualifier(String text, int nameStart) {
        for (String qualifier : ERROR_CODE_QUALIFIERS) {
            int start = nameStart - qualifier.length();
            if (start >= 0 && text.regionMatches(true, start, qualifier, 0, qualifier.length())) {
                return true;
            }
        }
        return false;
    }

    /** Masks the password of {@code scheme://user:password@host}; a password may hold '@' and ':'. */
    private static String maskUrlPasswords(String text) {
        StringBuilder out = null;
        int last = 0;
        int n = text.length();
        int from = 0;
        int scheme;
        while ((scheme = text.indexOf("://", from)) >= 0) {
            int user = scheme + 3;
            while (user < n && isUserChar(text.charAt(user))) {
                user++;
            }
            from = user;
            if (user < n && text.charAt(user) == ':') {
                int password = user + 1;
                int end = password;
                while (end < n && isPasswordChar(text.charAt(end))) {
                    end++;
                }
                int at = text.lastIndexOf('@', end - 1);
                if (at > password) {
                    out = out == null ? new StringBuilder(n) : out;
                    out.append(text, last, password).append(MASK);
                    last = at;
                    from = at;
                }
            }
        }
        return out == null ? text : out.append(text, last, n).toString();
    }

    /** Replaces group {@code s} of each match with {@link #MASK}, keeping the rest of the match. */
    private static String mask(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            out.append(text, last, m.start(SECRET)).append(MASK);
            last = m.end(SECRET);
        } while (m.find());
        return out.append(text, last, text.length()).toString();
    }

    /**
     * Masks the body of each PEM private key, keeping its BEGIN and END lines and the whitespace next to
     * them. A block cut before its END line is masked to the end of the text; an END line without its
     * BEGIN masks the base64 before it.
     */
    private static String maskPrivateKeys(String text) {
        StringBuilder out = new StringBuilder(text.length());
        Matcher begin = PRIVATE_KEY_BEGIN.matcher(text);
        Matcher end = PRIVATE_KEY_END.matcher(text);
        int last = 0;
        while (last < text.length()) {
            int nextBegin = begin.find(last) ? begin.start() : Integer.MAX_VALUE;
            int nextEnd = end.find(last) ? end.start() : Integer.MAX_VALUE;
            if (nextEnd < nextBegin) {
                int bodyStart = nextEnd;
                while (bodyStart > last && isPemBodyChar(text.charAt(bodyStart - 1))) {
                    bodyStart--;
                }
                out.append(text, last, bodyStart);
                maskBody(text, bodyStart, nextEnd, out);
                out.append(text, nextEnd, end.end());
                last = end.end();
            } else if (nextBegin != Integer.MAX_VALUE) {
                out.append(text, last, begin.end());
                if (end.find(begin.end())) {
                    maskBody(text, begin.end(), end.start(), out);
                    out.append(text, end.start(), end.end());
                    last = end.end();
                } else {
                    maskBody(text, begin.end(), text.length(), out);
                    last = text.length();
                }
            } else {
                break;
            }
        }
        return out.append(text, last, text.length()).toString();
    }

    private static void maskBody(String text, int from, int to, StringBuilder out) {
        int lead = from;
        while (lead < to && Character.isWhitespace(text.charAt(lead))) {
            lead++;
        }
        int trail = to;
        while (trail > lead && Character.isWhitespace(text.charAt(trail - 1))) {
            trail--;
        }
        out.append(text, from, lead);
        if (trail > lead) {
            out.append(MASK);
        }
        out.append(text, trail, to);
    }

    private static boolean isPemBodyChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '+' || c == '/' || c == '=' || c == '\\' || Character.isWhitespace(c);
    }

    private static boolean isUserChar(char c) {
        return c > ' ' && c != ':' && c != '/' && c != '?' && c != '#' && c != '@' && c != '"' && c != '\'';
    }

    private static boolean isPasswordChar(char c) {
        return c > ' ' && c != '/' && c != '?' && c != '#' && c != '"' && c != '\'';
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    /** Lower case for ASCII letters; other characters map to values that match no trigger. */
    private static char lower(char c) {
        return (char) (c | 0x20);
    }
}
