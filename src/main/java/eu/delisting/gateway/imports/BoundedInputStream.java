package eu.delisting.gateway.imports;

import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An upload read up to a limit: one byte more is 413 BODY_TOO_LARGE (for bodies sent without a length). */
final class BoundedInputStream extends FilterInputStream {

    private final long limit;
    private long read;

    BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) {
        read += n;
        if (read > limit) {
            throw new GatewayProblem(ProblemCode.BODY_TOO_LARGE, "The file is larger than " + limit + " bytes; split it");
        }
    }
}
