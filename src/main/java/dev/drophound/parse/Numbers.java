package dev.drophound.parse;

/** Number parsing for kernel outputs, without exceptions for the common "not a number" case. */
public final class Numbers {
    private Numbers() {
    }

    /** A decimal unsigned counter ({@code 710184}); null if the token is not one. Values above 2^63-1 wrap negative. */
    public static Long decimal(String token) {
        if (token == null || token.isEmpty() || token.length() > 20) {
            return null;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return Long.parseUnsignedLong(token);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A decimal that may be negative ({@code -1} in MaxConn); null if not one. */
    public static Long signedDecimal(String token) {
        if (token != null && token.startsWith("-")) {
            Long v = decimal(token.substring(1));
            return v == null ? null : -v;
        }
        return decimal(token);
    }

    /** A hexadecimal number without prefix ({@code 00001a0a}) or with {@code 0x}; null if not one. */
    public static Long hex(String token) {
        if (token == null) {
            return null;
        }
        String t = token.startsWith("0x") || token.startsWith("0X") ? token.substring(2) : token;
        if (t.isEmpty() || t.length() > 16) {
            return null;
        }
        for (int i = 0; i < t.length(); i++) {
            if (Character.digit(t.charAt(i), 16) < 0) {
                return null;
            }
        }
        return Long.parseUnsignedLong(t, 16);
    }
}
