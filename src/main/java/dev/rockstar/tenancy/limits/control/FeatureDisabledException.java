package dev.rockstar.tenancy.limits.control;

import dev.rockstar.tenancy.problems.ProblemCode;
import dev.rockstar.tenancy.problems.ProblemException;

class FeatureDisabledException extends ProblemException {

    public FeatureDisabledException(String feature) {
        super(ProblemCode.FEATURE_DISABLED, "This tenant does not have the feature '" + feature + "'");
    }
}
