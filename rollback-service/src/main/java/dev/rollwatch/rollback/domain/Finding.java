package dev.rollwatch.rollback.domain;

import java.util.List;
import java.util.Objects;

/**
 * What one read of the cluster found about a restore. A cluster that cannot be read is a finding
 * (not verified, with the reason), not an error.
 *
 * @param result what it shows
 * @param detail for people: what was seen, or what is missing
 * @param claims objects of the restore marked for other releases (read when it is not verified)
 */
public record Finding(Result result, String detail, List<Claim> claims) {

    public enum Result {
        /** The stable version is ready and receives all traffic. */
        VERIFIED,
        /** It does not (yet), or the cluster could not be read. */
        NOT_VERIFIED,
        /** Nothing was read: verification against the cluster is off. */
        NOT_CHECKED
    }

    public Finding {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(detail, "detail");
        claims = claims == null ? List.of() : List.copyOf(claims);
    }

    public Finding(Result result, String detail) {
        this(result, detail, List.of());
    }

    public Finding withClaims(List<Claim> value) {
        return new Finding(result, detail, value);
    }

    public static Finding verified(String detail) {
        return new Finding(Result.VERIFIED, detail);
    }

    public static Finding notVerified(String detail) {
        return new Finding(Result.NOT_VERIFIED, detail);
    }

    public static Finding notChecked(String detail) {
        return new Finding(Result.NOT_CHECKED, detail);
    }

    public boolean verified() {
        return result == Result.VERIFIED;
    }
}
