package dev.rollwatch.address;

/**
 * What an address is, as far as a server deciding whether to call it cares. Each kind says how far a
 * request sent to it reaches, so a caller decides with its own switches (local use may allow loopback).
 */
public enum AddressKind {
    PUBLIC("public", Reach.PUBLIC),
    LOOPBACK("loopback", Reach.LOOPBACK),
    PRIVATE("private", Reach.INTERNAL),
    LINK_LOCAL("link-local", Reach.INTERNAL),
    CARRIER_GRADE_NAT("carrier-grade NAT", Reach.INTERNAL),
    UNIQUE_LOCAL("unique-local", Reach.INTERNAL),
    SITE_LOCAL("site-local", Reach.INTERNAL),
    /** Special-purpose ranges nobody's public receiver lives in: 0/8, 192.0.0/24, 198.18/15, 240/4, documentation... */
    RESERVED("reserved", Reach.INTERNAL),
    /** Teredo tunnels (2001::/32): the client behind it is hidden, so nothing can be said of it. */
    TUNNEL("Teredo tunnel", Reach.INTERNAL),
    UNSPECIFIED("unspecified", Reach.NEVER),
    MULTICAST("multicast", Reach.NEVER),
    BROADCAST("broadcast", Reach.NEVER);

    /** How far a request to an address of this kind reaches. */
    public enum Reach {
        /** Anywhere on the internet. */
        PUBLIC,
        /** This machine only: allowed for local use at most. */
        LOOPBACK,
        /** The networks the server sits in (cluster, VPC, cloud metadata): allowed only where the installation says so. */
        INTERNAL,
        /** Not one receiver at all. */
        NEVER
    }

    private final String label;
    private final Reach reach;

    AddressKind(String label, Reach reach) {
        this.label = label;
        this.reach = reach;
    }

    /** How people call it in a refusal ("private", "carrier-grade NAT"). */
    public String label() {
        return label;
    }

    /** The label with its article: "a private", "an unspecified". */
    public String withArticle() {
        return (this == UNSPECIFIED ? "an " : "a ") + label;
    }

    public Reach reach() {
        return reach;
    }
}
