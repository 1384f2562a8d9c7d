package bench.baseline;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The baseline's JAX-RS application: same path as the product's, under the baseline's context root. */
@ApplicationPath("api")
public class BaselineApplication extends Application {
}
