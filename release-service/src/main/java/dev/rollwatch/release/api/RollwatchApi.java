package dev.rollwatch.release.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

@OpenAPIDefinition(
        info =
                @Info(
                        title = "Rollwatch release API",
                        version = "1",
                        description = "Request releases from CI, follow them, steer them, and read DORA figures."))
@SecurityScheme(
        securitySchemeName = "apiKey",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "An API key: Authorization: Bearer <key> (or X-API-Key: <key>)")
public class RollwatchApi extends Application {}
