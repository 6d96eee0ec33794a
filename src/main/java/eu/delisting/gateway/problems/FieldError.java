package eu.delisting.gateway.problems;

/** One rule broken by one field of a request body, named by its JSON path. */
public record FieldError(String field, String code, String detail) {
}
