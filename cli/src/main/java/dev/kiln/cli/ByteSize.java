package dev.kiln.cli;

import java.util.Locale;

/** Parses sizes such as {@code 512m}, {@code 2g}, {@code 64k} or a plain byte count. */
final class ByteSize {
    private ByteSize() {}

    static long parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("b")) s = s.substring(0, s.length() - 1);
        long unit = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                case 't' -> unit = 1L << 40;
                default -> { }
            }
        }
        if (unit != 1) s = s.substring(0, s.length() - 1);
        try {
            long n = Long.parseLong(s.trim());
            if (n <= 0) throw new NumberFormatException();
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("expected a positive size such as 512m, 2g or 1048576, got '" + text + "'");
        }
    }
}
