package eu.delisting.gateway.imports;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of text read with a bound: a line longer than the bound is returned cut, flagged, and the rest of it is
 * skipped without being kept, so one endless line costs no more memory than a short one.
 */
final class LineReader {

    /** A line, and whether it was longer than the bound (then {@code text} is its beginning only). */
    record Line(String text, boolean tooLong) {
    }

    private final Reader in;
    private final int max;
    private boolean first = true;

    LineReader(Reader in, int max) {
        this.in = in;
        this.max = max;
    }

    /** The next line without its terminator (\n, \r\n or \r), or null at the end. A leading BOM is dropped. */
    Line next() throws IOException {
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        int c = in.read();
        if (c == -1) {
            return null;
        }
        if (first) {
            first = false;
            if (c == '\uFEFF') {
                c = in.read();
                if (c == -1) {
                    return null;
                }
            }
        }
        while (c != -1 && c != '\n') {
            if (c == '\r') {
                break; // a \n after it ends an empty line, which readers skip as blank
            }
            if (line.length() < max) {
                line.append((char) c);
            } else {
                tooLong = true;
            }
            c = in.read();
        }
        return new Line(line.toString(), tooLong);
    }
}
