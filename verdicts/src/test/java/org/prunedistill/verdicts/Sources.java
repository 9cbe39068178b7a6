package org.prunedistill.verdicts;

import org.prunedistill.verdicts.Measure.Correction;
import org.prunedistill.verdicts.Measure.Quantity;

/** Sources and medians for the tests: layers of a five-layer model (order = index, depth = index / 4) and areas. */
final class Sources {

    static final Measure LUMINANCE = new Measure.Information(Quantity.RF_LUMINANCE, Correction.PANZERI_TREVES);
    static final Measure F_HIGH = new Measure.Information(Quantity.F_HIGH_RF_LUMINANCE, Correction.PANZERI_TREVES);

    private Sources() {
    }

    static Source layer(String name, int order, String checkpoint) {
        return layer("builtin-cnn-small", name, order, checkpoint);
    }

    static Source layer(String origin, String name, int order, String checkpoint) {
        return new Source(origin + "/" + name + "/" + checkpoint, true, origin, name, checkpoint, order, order / 4.0);
    }

    static Source area(String name, int order) {
        return new Source("recording/" + name, false, "recording", name, "", order, order / 3.0);
    }

    /** A median with its standard error; NaN for none. */
    static Median median(Source source, Measure measure, double value, double error) {
        return new Median(source, measure, value, error);
    }
}
