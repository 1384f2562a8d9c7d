package dev.rockstar.tenancy.tracing;

import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;

/**
 * Adds {@link TenantSpanProcessor} to the SDK a server configures per application with
 * OpenTelemetry's autoconfiguration and the application's class loader (Payara's MicroProfile
 * Telemetry does). Found through {@code META-INF/services}, so it is loaded only by such an SDK;
 * a server without OpenTelemetry never reads that file.
 */
public class TenantSpanCustomizer implements AutoConfigurationCustomizerProvider {

    @Override
    public void customize(AutoConfigurationCustomizer customizer) {
        customizer.addTracerProviderCustomizer(
                (tracers, config) -> tracers.addSpanProcessor(new TenantSpanProcessor()));
    }
}
