package eu.delisting.gateway.idempotency;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import eu.delisting.gateway.hashing.Sha256;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fingerprint of a request, identical on every replica, JVM run and release: SHA-256 over the
 * UTF-8 bytes of a canonical JSON form of the request (members sorted by name in UTF-16 code unit
 * order, as RFC 8785 does; null members left out, so absent and null are the same request; no
 * whitespace; strings escaped as JSON requires and nothing more). Nothing depends on the iteration
 * order of a hash map or on the declaration order of a class.
 */
public final class RequestFingerprint {

    private static final JsonFactory JSON = new JsonFactory();

    private RequestFingerprint() {
    }

    public static String of(JsonNode request) {
        return Sha256.hex(canonical(request));
    }

    /** The canonical JSON text of a request. */
    public static String canonical(JsonNode request) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            write(request, generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonNode node, JsonGenerator out) throws IOException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.writeNull();
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.writeStartObject();
            for (String name : names) {
                JsonNode value = node.get(name);
                if (value != null && !value.isNull()) {
                    out.writeFieldName(name);
                    write(value, out);
                }
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode element : node) {
                write(element, out);
            }
            out.writeEndArray();
        } else if (node.isTextual()) {
            out.writeString(node.textValue());
        } else if (node.isBoolean()) {
            out.writeBoolean(node.booleanValue());
        } else if (node.isIntegralNumber()) {
            out.writeNumber(node.bigIntegerValue());
        } else if (node.isNumber()) {
            out.writeNumber(node.decimalValue().stripTrailingZeros().toPlainString());
        } else {
            out.writeString(node.asText());
        }
    }
}
