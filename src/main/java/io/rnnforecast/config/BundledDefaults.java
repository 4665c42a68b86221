package io.rnnforecast.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

/**
 * The bundled configuration ({@code rnnforecast.conf}): every key the job knows, with its default and, in its
 * comments, its documentation. The command line layers the user's settings over it, and the API's Params take
 * their defaults and docs from it: one source for both.
 */
public final class BundledDefaults {
    public static final String RESOURCE = "rnnforecast.conf";

    private BundledDefaults() {
    }

    /** The defaults as written (unresolved: substitutions such as ${workdir} kept, comments kept). */
    public static Config unresolved() {
        return ConfigFactory.parseResources(BundledDefaults.class.getClassLoader(), RESOURCE,
                ConfigParseOptions.defaults().setAllowMissing(false));
    }

    /** The defaults resolved on their own. */
    public static Config resolved() {
        return unresolved().resolve();
    }
}
