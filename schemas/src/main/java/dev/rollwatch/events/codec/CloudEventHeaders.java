package dev.rollwatch.events.codec;

/** Kafka header names of the CloudEvents Kafka protocol binding, binary content mode. */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    /** Binary mode carries datacontenttype in the standard content-type header. */
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {}
}
