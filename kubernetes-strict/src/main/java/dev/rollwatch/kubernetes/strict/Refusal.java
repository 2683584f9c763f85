package dev.rollwatch.kubernetes.strict;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherException;
import java.util.List;

/**
 * A write the API server refuses, answered as it answers: a {@code Status} with the code, the reason
 * and one cause per field. fabric8's dispatcher turns it into the response and stores nothing.
 */
final class Refusal extends KubernetesCrudDispatcherException {

    private final Status status;

    private Refusal(Status status) {
        super(status.getMessage(), status.getCode());
        this.status = status;
    }

    /** 422 Invalid: the object breaks its schema or changes an immutable field. */
    static Refusal invalid(ObjectName object, List<FieldError> errors) {
        String fields = errors.size() == 1
                ? errors.get(0).toString()
                : errors.stream().map(FieldError::toString).toList().toString();
        return new Refusal(status(422, "Invalid", object + " is invalid: " + fields, object, errors));
    }

    /** 400 BadRequest: fields the kind does not declare, refused as field validation Strict refuses them. */
    static Refusal unknownFields(ObjectName object, List<String> fields) {
        String message = object.kind() + " in version \"" + object.version() + "\" cannot be handled as a "
                + object.kind() + ": strict decoding error: "
                + String.join(
                        ", ",
                        fields.stream().map(f -> "unknown field \"" + f + "\"").toList());
        List<FieldError> causes = fields.stream()
                .map(f -> new FieldError(f, "FieldValueInvalid", "unknown field \"" + f + "\""))
                .toList();
        return new Refusal(status(400, "BadRequest", message, object, causes));
    }

    private static Status status(int code, String reason, String message, ObjectName object, List<FieldError> causes) {
        return new StatusBuilder()
                .withStatus("Failure")
                .withCode(code)
                .withReason(reason)
                .withMessage(message)
                .withNewDetails()
                .withName(object.name())
                .withGroup(object.group())
                .withKind(object.kind())
                .withCauses(causes.stream()
                        .map(cause -> new StatusCauseBuilder()
                                .withField(cause.field())
                                .withReason(cause.reason())
                                .withMessage(cause.message())
                                .build())
                        .toList())
                .endDetails()
                .build();
    }

    @Override
    public Status toStatus() {
        return status;
    }
}
