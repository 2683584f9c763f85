package dev.rollwatch.kubernetes.strict;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a real API server checks before it stores an object, in its order: undeclared fields (400),
 * then the kind's schema, what its validation adds for workload selectors, and the fields that may
 * not change (422). Usable on its own for manifests
 * ({@link #problems}) and by the simulated API server ({@link StrictCrudDispatcher}).
 */
public final class StrictValidation {

    private final Optional<VendoredSchemas> schemas;

    /**
     * @param schemas the official schemas; empty only where Node.js is missing and the caller chose to
     *                go on without them (the local system), which it must say
     */
    public StrictValidation(Optional<VendoredSchemas> schemas) {
        this.schemas = schemas;
    }

    /** Whether the kind's schema is known here (vendored, or SMI's structure). */
    public boolean covers(JsonNode object) {
        return SmiTrafficSplits.covers(object)
                || schemas.map(s -> s.knows(
                                object.path("apiVersion").asText(),
                                object.path("kind").asText()))
                        .orElse(false);
    }

    /** Every reason to refuse this object as written (no earlier version): one line each, for tests of manifests. */
    public List<String> problems(JsonNode object) {
        List<String> problems = new ArrayList<>();
        UnknownFields.of(object).forEach(field -> problems.add("unknown field \"" + field + "\""));
        schemaErrors(object).forEach(error -> problems.add(error.toString()));
        return problems;
    }

    /** Refuses the object (the new state of a create, update or patch) as the API server would. */
    void check(JsonNode before, JsonNode after) throws Refusal {
        ObjectName name = ObjectName.of(after);
        List<String> unknown = UnknownFields.of(after);
        if (!unknown.isEmpty()) {
            throw Refusal.unknownFields(name, unknown);
        }
        List<FieldError> errors = new ArrayList<>(schemaErrors(after));
        if (before != null) {
            errors.addAll(ImmutableFields.changed(before, after));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(name, errors);
        }
    }

    private List<FieldError> schemaErrors(JsonNode object) {
        if (SmiTrafficSplits.covers(object)) {
            return SmiTrafficSplits.violations(object);
        }
        List<FieldError> errors =
                new ArrayList<>(schemas.map(s -> s.validate(object)).orElse(List.of()));
        errors.addAll(WorkloadSelectors.violations(object));
        return errors;
    }
}
